package com.alphastocks.streams.quarkus;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.alphastocks.streams.wire.RegistryCompatibility;
import com.alphastocks.streams.wire.WireMode;
import com.alphastocks.streams.wire.WireSettings;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * In the registry mode, a service makes sure the registry checks every new contract version before anything is written
 * with it: the registry's global compatibility rule is set ({@value RegistryCompatibility#CONFIG}, default
 * BACKWARD) where it has none. An unreachable registry fails the start with the reason.
 */
@ApplicationScoped
public class RegistryRulesAtStartup {

    private static final Logger LOG = Logger.getLogger(RegistryRulesAtStartup.class);

    @Inject
    WireSettings wire;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = RegistryCompatibility.CONFIG)
    Optional<String> level;

    void ensureCompatibilityRule(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        if (wire.mode() != WireMode.REGISTRY || level.isEmpty() || level.get().isBlank()) {
            return;
        }
        RegistryCompatibility.Outcome rule = RegistryCompatibility.ensure(vertx, wire.registryUrl(), level.get().trim());
        if (rule.set()) {
            LOG.infof("schema registry %s: global compatibility rule set to %s", wire.registryUrl(), rule.level());
        } else if (!rule.level().equalsIgnoreCase(level.get().trim())) {
            LOG.warnf("schema registry %s: global compatibility rule is %s (left as the registry has it; this service would set %s)",
                    wire.registryUrl(), rule.level(), level.get().trim());
        }
    }
}
