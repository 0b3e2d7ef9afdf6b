package com.alphastocks.streams.wire;

import io.apicurio.registry.client.RegistryClientFactory;
import io.apicurio.registry.client.common.DefaultVertxInstance;
import io.apicurio.registry.client.common.RegistryClientOptions;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.models.CreateRule;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import io.apicurio.registry.rest.client.models.RuleType;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

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

    /** Connecting, and each answer, may take this long before the call is asked again ({@value #ATTEMPTS} times in all) or fails. */
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int ANSWER_TIMEOUT_SECONDS = 15;
    static final int ATTEMPTS = 3;

    /** {@link #ensure(Vertx, String, String)} on the registry client's own Vert.x. */
    public static Outcome ensure(String url, String level) {
        return ensure(DefaultVertxInstance.get(), url, level);
    }

    /**
     * Sets the global compatibility rule of the registry at {@code url} to {@code level} unless it has one. A registry
     * that does not answer fails the call within about a minute (the client's default would wait for ever, and a service
     * would hang at its start without a word).
     */
    public static Outcome ensure(Vertx vertx, String url, String level) {
        return ensure(vertx, url, level, ANSWER_TIMEOUT_SECONDS, 1_000);
    }

    static Outcome ensure(Vertx vertx, String url, String level, int answerTimeoutSeconds, long retryDelayMs) {
        WebClient web = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MS).setIdleTimeout(answerTimeoutSeconds));
        try {
            RegistryClient client = RegistryClientFactory.create(RegistryClientOptions.create(url).customWebClient(web).retry(true, 3, retryDelayMs));
            // Unanswered calls are asked again (the client's own retries do not take a call that timed out for a failure).
            for (int attempt = 1; ; attempt++) {
                try {
                    return ensure(client, url, level);
                } catch (RuntimeException e) {
                    if (!closedUnanswered(e)) {
                        throw e;
                    }
                    if (attempt == ATTEMPTS) {
                        throw new IllegalStateException("the registry at " + url + " did not answer within " + answerTimeoutSeconds
                                + " s, " + ATTEMPTS + " times (its compatibility rule)", e);
                    }
                }
            }
        } finally {
            web.close();
        }
    }

    private static boolean closedUnanswered(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.core.http.HttpClosedException || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Outcome ensure(RegistryClient client, String url, String level) {
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
