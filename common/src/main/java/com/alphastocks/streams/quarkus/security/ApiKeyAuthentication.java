package com.alphastocks.streams.quarkus.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.security.credential.TokenCredential;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Callers of write endpoints authenticate with the {@value #HEADER} header. A valid key gives the role
 * {@value #ROLE}; a request without the header stays anonymous (read endpoints), one with a wrong key fails.
 */
@ApplicationScoped
public class ApiKeyAuthentication implements HttpAuthenticationMechanism, IdentityProvider<TokenAuthenticationRequest> {

    public static final String HEADER = "X-API-Key";
    public static final String ROLE = "trader";
    private static final Logger LOG = Logger.getLogger(ApiKeyAuthentication.class);

    private final Map<String, String> keys;

    ApiKeyAuthentication(ApiKeys config) {
        // A blank key would let in a request whose header is blank: such an entry admits nobody.
        Map<String, String> usable = new java.util.HashMap<>(config.apiKeys());
        usable.values().removeIf(String::isBlank);
        if (usable.size() < config.apiKeys().size()) {
            LOG.warn("blank API keys ignored (a key must not be empty)");
        }
        this.keys = Map.copyOf(usable);
    }

    void warnWhenNobodyCanWrite(@Observes StartupEvent start) {
        if (keys.isEmpty()) {
            LOG.warn("no API keys configured (alphastocks.security.api-keys.<name>=<key>): write endpoints refuse every call");
        } else {
            LOG.infof("API keys configured for %s", keys.keySet());
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = context.request().getHeader(HEADER);
        if (key == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(key, "api-key")));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "ApiKey header=\"" + HEADER + "\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        byte[] given = request.getToken().getToken().getBytes(StandardCharsets.UTF_8);
        for (var entry : keys.entrySet()) {
            if (MessageDigest.isEqual(given, entry.getValue().getBytes(StandardCharsets.UTF_8))) {
                return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(entry.getKey()))
                        .addRole(ROLE)
                        .addCredential(request.getToken())
                        .build());
            }
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
    }
}
