package com.alphastocks.streams.wire;

import io.apicurio.registry.client.RegistryClientFactory;
import io.apicurio.registry.client.common.RegistryClientOptions;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.models.CreateRule;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import io.apicurio.registry.rest.client.models.RuleType;

/**
 * The registry's global compatibility rule, which every new version of a contract must pass before a service can write
 * with it. A registry without one gets the project's level (BACKWARD: a new contract reads everything written with
 * the version before it, as the build's contract check already demands); a rule an operator set is left as it is.
 */
public final class RegistryCompatibility {

    /** The level a service sets where the registry has none (blank: leave the registry's rules alone). */
    public static final String CONFIG = "alphastocks.registry.compatibility";
    public static final String DEFAULT_LEVEL = "BACKWARD";

    private RegistryCompatibility() {
    }

    /** What the registry's global rule is after the call, and whether this call set it. */
    public record Outcome(String level, boolean set) {
    }

    /** Sets the global compatibility rule of the registry at {@code url} to {@code level} unless it has one. */
    public static Outcome ensure(String url, String level) {
        RegistryClient client = RegistryClientFactory.create(RegistryClientOptions.create(url));
        try {
            return new Outcome(client.admin().rules().byRuleType(RuleType.COMPATIBILITY.getValue()).get().getConfig(), false);
        } catch (ProblemDetails noRule) {
            if (noRule.getStatus() == null || noRule.getStatus() != 404) {
                throw new IllegalStateException("cannot read the compatibility rule of the registry at " + url + ": " + noRule.getDetail(), noRule);
            }
        }
        CreateRule rule = new CreateRule();
        rule.setRuleType(RuleType.COMPATIBILITY);
        rule.setConfig(level);
        try {
            client.admin().rules().post(rule);
        } catch (ProblemDetails refused) {
            if (refused.getStatus() == null || refused.getStatus() != 409) {
                throw new IllegalStateException("the registry at " + url + " refused its compatibility rule " + level + ": " + refused.getDetail(), refused);
            }
            // Another service set it at the same moment.
            return new Outcome(client.admin().rules().byRuleType(RuleType.COMPATIBILITY.getValue()).get().getConfig(), false);
        }
        return new Outcome(level, true);
    }
}
