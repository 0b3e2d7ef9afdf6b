package com.alphastocks.streams.stores;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How one instance asks another for its part of a store: the answer read as the caller's type, nothing there (404) as
 * null, an instance that refuses or is away as "not ready" (503 to the REST caller), and the service's key shown where
 * its reads ask for one. Another instance is played by a small HTTP server; no broker is needed to ask.
 */
class InstanceStoresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JavaType ROW = JSON.getTypeFactory().constructMapType(Map.class, String.class, Integer.class);

    private HttpServer other;
    private HostInfo host;

    @BeforeEach
    void startTheOtherInstance() throws IOException {
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext(InstanceStores.PATH + "/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            boolean keyed = "k-1".equals(exchange.getRequestHeaders().getFirst("X-API-Key"));
            int status = !keyed ? 401 : path.equals(InstanceStores.PATH + "/scores/RSI%20day") ? 200 : 404;
            byte[] body = status == 200 ? "{\"trades\": 5}".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        other.start();
        host = new HostInfo("127.0.0.1", other.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        other.stop(0);
    }

    @Test
    void shouldReadAnotherInstancesAnswerShowingTheServicesKey() {
        InstanceStores stores = new InstanceStores(null, JSON, "127.0.0.1:1", Optional.of("k-1"));

        Map<String, Integer> row = stores.ask(host, "scores/" + InstanceStores.encode("RSI day"), ROW);
        assertThat(row).containsEntry("trades", 5);
        assertThat(stores.<Map<String, Integer>>ask(host, "scores/MACD", ROW)).as("not there: 404").isNull();
    }

    @Test
    void shouldCallAnInstanceThatRefusesOrIsAwayNotReady() {
        InstanceStores withoutKey = new InstanceStores(null, JSON, "127.0.0.1:1");
        assertThatThrownBy(() -> withoutKey.ask(host, "scores/RSI", ROW)).isInstanceOf(StoresNotReady.class)
                .hasMessageContaining("answered 401");

        other.stop(0);
        InstanceStores stores = new InstanceStores(null, JSON, "127.0.0.1:1", Optional.of("k-1"));
        assertThatThrownBy(() -> stores.ask(host, "scores/RSI", ROW)).isInstanceOf(StoresNotReady.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void shouldTellThisInstanceFromTheOthers() {
        InstanceStores stores = new InstanceStores(null, JSON, "127.0.0.1:8081");
        assertThat(stores.isHere(new HostInfo("127.0.0.1", 8081))).isTrue();
        assertThat(stores.isHere(new HostInfo("127.0.0.1", 8082))).isFalse();
    }
}
