package com.alphastocks.streams.quarkus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;

class ApiKeyAuthenticationTest {

    /** As a deployment whose key variable was left empty (e.g. compose's ${ALPHASTOCKS_API_KEY:-}), beside a real key. */
    private final ApiKeyAuthentication authentication = new ApiKeyAuthentication(new ApiKeys() {
        @Override
        public Map<String, String> apiKeys() {
            return Map.of("operator", "", "alice", "k-alice-1");
        }

        @Override
        public String reads() {
            return "permit";
        }
    });

    @Test
    void shouldAdmitAConfiguredKeyAsItsNameWithTheTraderRole() {
        var identity = authentication.authenticate(request("k-alice-1"), null).await().indefinitely();

        assertThat(identity.getPrincipal().getName()).isEqualTo("alice");
        assertThat(identity.getRoles()).containsExactly(ApiKeyAuthentication.ROLE);
    }

    @Test
    void shouldNeverAdmitABlankKeyEvenWhereABlankOneIsConfigured() {
        assertThatThrownBy(() -> authentication.authenticate(request(""), null).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> authentication.authenticate(request("k-alice-2"), null).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class);
    }

    private static TokenAuthenticationRequest request(String key) {
        return new TokenAuthenticationRequest(new TokenCredential(key, "api-key"));
    }
}
