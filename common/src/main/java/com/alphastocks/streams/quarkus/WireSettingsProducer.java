package com.alphastocks.streams.quarkus;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.alphastocks.streams.wire.WireMode;
import com.alphastocks.streams.wire.WireSettings;

/**
 * The service's {@link WireSettings}, from {@value WireMode#CONFIG} and {@value WireSettings#REGISTRY_URL}: what its Kafka
 * Streams serdes and plain clients are configured with (its channels get the same two settings by the connector's
 * defaults in microprofile-config.properties). The registry mode without a registry fails the start, saying so.
 */
public class WireSettingsProducer {

    @Produces
    @Singleton
    WireSettings wire(@ConfigProperty(name = WireMode.CONFIG) String mode,
                      @ConfigProperty(name = WireSettings.REGISTRY_URL) Optional<String> registryUrl) {
        return WireSettings.of(mode, registryUrl.orElse(null));
    }
}
