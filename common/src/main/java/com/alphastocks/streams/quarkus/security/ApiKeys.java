package com.alphastocks.streams.quarkus.security;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * API keys that may call write endpoints, from configuration only (env e.g.
 * {@code ALPHASTOCKS_SECURITY_API_KEYS_ALICE=...}): {@code alphastocks.security.api-keys.<name>=<key>}.
 * The name becomes the caller's principal; keys themselves are never logged.
 */
@ConfigMapping(prefix = "alphastocks.security")
public interface ApiKeys {

    Map<String, String> apiKeys();

    /**
     * Who may call the read endpoints (GET /api/*): {@code permit} (anyone, the default) or {@code authenticated} (an
     * API key, as for writes); applied as the HTTP permission {@code quarkus.http.auth.permission.reads}.
     */
    @WithDefault("permit")
    String reads();
}
