package com.alphastocks.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import com.alphastocks.streams.stores.InstanceStores;
import com.alphastocks.streams.stores.StoresNotReady;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * One instance of a service's topology as deployed beside others in its group: its Kafka Streams, its
 * {@link InstanceStores} as the service uses them, and a small HTTP server in place of its REST, serving its part of the
 * stores at {@value InstanceStores#PATH} (as the service's StoreEndpoint does) for the other instances to ask.
 */
public record QueriedInstance(KafkaStreams streams, InstanceStores stores, HttpServer http) implements AutoCloseable {

    /** Starts {@code deployment} with an {@code application.server} of its own, and its store endpoint. */
    public static QueriedInstance start(TestDeployment deployment, ObjectMapper json) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String server = "127.0.0.1:" + http.getAddress().getPort();
        KafkaStreams streams = deployment.set(StreamsConfig.APPLICATION_SERVER_CONFIG, server).create();
        InstanceStores stores = new InstanceStores(streams, json, server);
        http.createContext(InstanceStores.PATH + "/", exchange -> {
            String[] parts = exchange.getRequestURI().getRawPath().substring(InstanceStores.PATH.length() + 1).split("/", 2);
            int status;
            byte[] body;
            try {
                Object answer = parts.length == 1 ? stores.localAll(parts[0])
                        : stores.localGet(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
                status = answer == null ? 404 : 200;
                body = answer == null ? new byte[0] : json.writeValueAsBytes(answer);
            } catch (StoresNotReady e) {
                status = 503;
                body = e.getMessage().getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        streams.start();
        return new QueriedInstance(streams, stores, http);
    }

    @Override
    public void close() {
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        http.stop(0);
    }
}
