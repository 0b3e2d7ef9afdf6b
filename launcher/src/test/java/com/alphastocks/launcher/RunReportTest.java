package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/** The main job's reads of the services: an error answer is an error, never a body read as if it were the figures. */
class RunReportTest {

    private HttpServer service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop(0);
        }
    }

    /** A stand-in service on 127.0.0.1 that answers each GET of {@code path} with the next of {@code answers} (the last repeats). */
    private int serve(String path, Answer... answers) throws IOException {
        AtomicInteger asked = new AtomicInteger();
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext(path, exchange -> {
            Answer answer = answers[Math.min(asked.getAndIncrement(), answers.length - 1)];
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        return service.getAddress().getPort();
    }

    private record Answer(int status, String body) {
    }

    @Test
    void shouldNameThePathAndTheStatusOfAnErrorAnswer() throws Exception {
        int port = serve("/api/events/stats", new Answer(503, "{\"error\":\"stores rebalancing\"}"));

        assertThatThrownBy(() -> RunReport.get(port, "/api/events/stats"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("GET /api/events/stats")
                .hasMessageContaining("503")
                .hasMessageContaining("stores rebalancing");
    }

    @Test
    void shouldAskForTheScorecardsAgainUntilTheServiceAnswersThem() throws Exception {
        String cards = "[{\"name\":\"RSI\",\"trades\":2},{\"name\":\"MACD\",\"trades\":1}]";
        int port = serve("/api/analytics/scorecards", new Answer(503, "{\"error\":\"stores rebalancing\"}"), new Answer(200, cards));

        JsonNode scored = RunReport.awaitScorecards(port, 3);

        assertThat(scored).hasSize(2);
        assertThat(scored.get(0).path("name").asText()).isEqualTo("RSI");
    }
}
