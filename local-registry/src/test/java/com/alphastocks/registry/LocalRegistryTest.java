package com.alphastocks.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

class LocalRegistryTest {

    @Test
    void shouldServeTheRegistryAndItsConfluentCompatibleApiOnLoopback() throws Exception {
        LocalRegistry registry = SharedRegistry.registry();

        String info = get(registry.url() + "/system/info");
        String subjects = get(registry.confluentUrl() + "/subjects");

        assertThat(info).contains("\"version\":\"" + LocalRegistry.VERSION + "\"");
        assertThat(subjects).startsWith("[");
        assertThat(registry.url()).startsWith("http://127.0.0.1:");
        assertThat(registry.ports().ready()).isTrue();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
