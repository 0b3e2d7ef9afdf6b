package com.alphastocks.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./alphastocks positions | close | kill-switch}: the trader's controls over the stack that is up, through the
 * services' own REST API (the position-service's book, the executor's kill switch) with the run's API key.
 */
final class DeskCommands {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** One line of the positions table (the header uses it too). */
    private static final String POSITION_ROW = "%-36s %-7s %-10s %-26s %6s %10s %10s %10s %10s  %s%n";

    private final RunHandle run;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    DeskCommands(RunHandle run, PrintStream out) {
        this.run = run;
        this.out = out;
    }

    /** The positions the position-service holds ({@code status}: open, closed or null for both), newest first; how many. */
    int positions(String status) throws IOException, InterruptedException {
        String query = status == null ? "" : "?status=" + URLEncoder.encode(status, StandardCharsets.UTF_8);
        JsonNode positions = answer(send(HttpRequest.newBuilder(endpoint("position-service", "/api/positions" + query)).GET()), 200);
        if (positions.isEmpty()) {
            out.println("no " + (status == null ? "" : status + " ") + "positions");
            return 0;
        }
        out.printf(POSITION_ROW,
                "position", "status", "strategy", "instrument", "qty", "entry", "stop", "target", "net P&L", "exit");
        for (JsonNode view : positions) {
            JsonNode p = view.path("position");
            JsonNode close = view.path("close");
            boolean open = close.isMissingNode() || close.isNull();
            out.printf(POSITION_ROW, p.path("positionId").asText(), view.path("status").asText(),
                    p.path("strategy").asText(), p.path("instrument").asText(), open ? p.path("openQuantity").asText() : p.path("quantity").asText(),
                    p.path("entryPremium").asText(), p.path("stop").asText(), p.path("target").asText(),
                    open ? "-" : close.path("netPnl").asText(), open ? "" : close.path("exitReason").asText() + " at " + close.path("exitPremium").asText());
        }
        return positions.size();
    }

    /** Asks the position-service to close an open position at the market; the exit follows on position.closed. */
    void close(String positionId) throws IOException, InterruptedException {
        String key = run.requireApiKey();
        JsonNode accepted = answer(send(HttpRequest.newBuilder(endpoint("position-service",
                        "/api/positions/" + URLEncoder.encode(positionId, StandardCharsets.UTF_8).replace("+", "%20") + "/close"))
                .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.noBody())), 202);
        out.println("close of " + positionId + " asked by " + accepted.path("by").asText("you")
                + ": it exits at the market (./alphastocks positions --status closed shows it)");
    }

    /** Shows the executor's kill switch, or turns it on (no new entries; exits go on) or off, with a reason. */
    void killSwitch(Boolean on, String reason) throws IOException, InterruptedException {
        JsonNode state = tradingStatus(on == null ? null : "/api/risk/kill-switch", "on", on, reason);
        if (state.path("on").asBoolean()) {
            out.println("kill switch ON: new entries are refused, exits go on (reason: " + state.path("reason").asText("none given")
                    + ", by " + state.path("by").asText("?") + " at " + state.path("at").asText("?") + ")");
        } else {
            out.println("kill switch off: signals are traded" + (state.path("by").isMissingNode() || state.path("by").isNull() ? ""
                    : " (turned off by " + state.path("by").asText() + " at " + state.path("at").asText() + ")"));
        }
    }

    /**
     * Shows the desk's trading state, or sets it: ACTIVE (entries and exits), REDUCING (exits only) or HALTED (the kill
     * switch: no new entries, exits go on), with a reason.
     */
    void tradingState(String next, String reason) throws IOException, InterruptedException {
        JsonNode state = tradingStatus(next == null ? null : "/api/risk/trading-state", "state", next, reason);
        String now = state.path("state").asText("ACTIVE");
        String what = switch (now) {
            case "HALTED" -> "new entries are refused, exits go on";
            case "REDUCING" -> "exits only, new entries are refused";
            default -> "signals are traded";
        };
        boolean set = !(state.path("by").isMissingNode() || state.path("by").isNull());
        out.println("trading state " + now + ": " + what + (!set ? "" : " (" + (state.path("reason").isNull() || state.path("reason").isMissingNode()
                ? "" : "reason: " + state.path("reason").asText() + ", ") + "set by " + state.path("by").asText() + " at " + state.path("at").asText() + ")"));
    }

    /** The executor's trading state: as it is (no {@code path}), or as set by POSTing {@code {field: value, reason}} there. */
    private JsonNode tradingStatus(String path, String field, Object value, String reason) throws IOException, InterruptedException {
        if (path == null) {
            return answer(send(HttpRequest.newBuilder(endpoint("executor-service", "/api/risk")).GET()), 200).path("killSwitch");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, value);
        body.put("reason", reason);
        return answer(send(HttpRequest.newBuilder(endpoint("executor-service", path))
                .header("X-API-Key", run.requireApiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))), 200);
    }

    private URI endpoint(String service, String path) {
        return URI.create(run.service(service) + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(TIMEOUT).header("Accept", "application/json").build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IOException("nothing answers on " + built.uri().getHost() + ":" + built.uri().getPort()
                    + ": is the stack still up? (./alphastocks run --stay keeps it up after the day)", e);
        }
    }

    /** The body of an expected answer; otherwise the service's own explanation (problem+json detail) as the error. */
    private static JsonNode answer(HttpResponse<String> response, int expected) throws IOException {
        if (response.statusCode() == expected) {
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        }
        String detail = response.body();
        try {
            JsonNode problem = JSON.readTree(response.body());
            detail = problem.path("detail").asText(problem.path("title").asText(response.body()));
        } catch (IOException | RuntimeException notJson) {
            // the body as it came
        }
        String why = switch (response.statusCode()) {
            case 401, 403 -> "refused (" + response.statusCode() + "): the API key is not this stack's";
            default -> response.statusCode() + ": " + (detail == null || detail.isBlank() ? "no detail" : detail);
        };
        throw new IOException(response.request().method() + " " + response.request().uri().getPath() + " " + why);
    }
}
