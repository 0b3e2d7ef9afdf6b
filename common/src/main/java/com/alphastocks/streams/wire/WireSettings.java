package com.alphastocks.streams.wire;

import java.util.HashMap;
import java.util.Map;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;

/**
 * How a process writes events ({@link WireMode}) and where the schema registry is: the registry mode writes through
 * it, and either mode reads registry-framed records through it. Every serde and client of the contracts is configured
 * from one of these, so the two settings ({@value WireMode#CONFIG}, {@value #REGISTRY_URL}) travel together.
 *
 * @param registryUrl Apicurio Registry's core v3 API, e.g. {@code http://apicurio:8080/apis/registry/v3}; null for none
 */
public record WireSettings(WireMode mode, String registryUrl) {

    /** The registry's address (env {@code ALPHASTOCKS_REGISTRY_URL}). */
    public static final String REGISTRY_URL = "alphastocks.registry.url";
    /** Single-object Avro, no registry. */
    public static final WireSettings EMBEDDED = new WireSettings(WireMode.EMBEDDED, null);

    public WireSettings {
        registryUrl = registryUrl == null || registryUrl.isBlank() ? null : registryUrl.trim();
        if (mode == WireMode.REGISTRY && registryUrl == null) {
            throw new IllegalStateException(WireMode.CONFIG + " is registry, but no " + REGISTRY_URL
                    + " is set (env ALPHASTOCKS_REGISTRY_URL), e.g. http://apicurio:8080/apis/registry/v3");
        }
    }

    /** From the two settings as a service has them: the mode's name and the registry's address (either may be blank). */
    public static WireSettings of(String mode, String registryUrl) {
        return new WireSettings(WireMode.from(mode), registryUrl);
    }

    /** Writing through the registry at {@code url}. */
    public static WireSettings registry(String url) {
        return new WireSettings(WireMode.REGISTRY, url);
    }

    /** The configuration of {@link EventSerializer} and {@link EventDeserializer}. */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(WireMode.CONFIG, mode.name());
        if (registryUrl != null) {
            config.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
        }
        return config;
    }

    /** For a command line or a log: the mode, and the registry where there is one. */
    @Override
    public String toString() {
        return mode.name().toLowerCase(java.util.Locale.ROOT) + (registryUrl == null ? "" : " (registry " + registryUrl + ")");
    }
}
