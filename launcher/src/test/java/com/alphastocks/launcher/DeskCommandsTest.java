package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * positions, close and kill-switch as the operator uses them: found through .run/services and .run/api-key as a run
 * writes them, against a stand-in of the services' REST API (the JDK's HTTP server answering as the position- and
 * executor-service do: their paths, their JSON, their problem+json errors, their 401 without the key).
 */
class DeskCommandsTest {

    private static final String KEY = "k-123";

    @TempDir
    Path dir;
    private HttpServer services;
    private final List<String> requests = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private Home home;

    @BeforeEach
    void start() throws IOException {
        home = new Home(dir);
        services = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        services.createContext("/", this::answer);
        services.start();
    }

    @AfterEach
    void stop() {
        services.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = exchange.getRequestHeaders().getFirst("X-API-Key");
        String call = exchange.getRequestMethod() + " " + exchange.getRequestURI() + (key == null ? "" : " key=" + key)
                + (body.isEmpty() ? "" : " " + body);
        requests.add(call);
        boolean write = exchange.getRequestMethod().equals("POST");
        if (write && !KEY.equals(key)) {
            reply(exchange, 401, "");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/api/positions" -> reply(exchange, 200, """
                    [{"status":"open","position":{"positionId":"POS-2","strategy":"RSI","instrument":"NIFTY25D0926200CE","quantity":75,
                      "openQuantity":75,"entryPremium":120.50,"stop":96.40,"target":168.70},"close":null,"timeline":[]},
                     {"status":"closed","position":{"positionId":"POS-1","strategy":"MACD","instrument":"BANKNIFTY25D3059500PE","quantity":35,
                      "openQuantity":0,"entryPremium":209.40,"stop":180.00,"target":290.00},
                      "close":{"netPnl":6477.58,"exitReason":"SQUARE_OFF","exitPremium":395.05},"timeline":[]}]""");
            case "/api/positions/POS-2/close" -> reply(exchange, 202, "{\"positionId\":\"POS-2\",\"by\":\"launcher\",\"at\":\"2025-12-03T05:00:00Z\"}");
            case "/api/positions/POS-1/close" -> reply(exchange, 409,
                    "{\"title\":\"Already closed\",\"status\":409,\"detail\":\"position POS-1 is closed\"}");
            case "/api/risk/kill-switch" -> reply(exchange, 200, body.contains("\"on\":true")
                    ? "{\"on\":true,\"reason\":\"news at 14:00\",\"by\":\"launcher\",\"at\":\"2025-12-03T08:00:00Z\"}"
                    : "{\"on\":false,\"reason\":null,\"by\":\"launcher\",\"at\":\"2025-12-03T08:30:00Z\"}");
            case "/api/risk/trading-state" -> reply(exchange, 200, body.contains("REDUCING")
                    ? "{\"state\":\"REDUCING\",\"on\":true,\"reason\":\"RBI at 10:00\",\"by\":\"launcher\",\"at\":\"2025-12-03T04:00:00Z\"}"
                    : "{\"state\":\"ACTIVE\",\"on\":false,\"reason\":null,\"by\":\"launcher\",\"at\":\"2025-12-03T05:00:00Z\"}");
            case "/api/risk" -> reply(exchange, 200, "{\"openPositions\":1,\"killSwitch\":{\"state\":\"ACTIVE\",\"on\":false,"
                    + "\"reason\":null,\"by\":null,\"at\":null}}");
            default -> reply(exchange, 404, "");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private DeskCommands desk(Map<String, String> environment) throws IOException {
        return new DeskCommands(RunHandle.find(home, environment), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        String text = output.toString(StandardCharsets.UTF_8);
        output.reset();
        return text;
    }

    @Test
    void a_run_leaves_the_services_addresses_and_its_key_readable_by_its_owner_only() throws IOException {
        RunHandle.publish(home, RunCommand.SERVICES, service -> services.getAddress().getPort(), KEY);

        assertThat(Files.readString(RunHandle.apiKeyFile(home)).trim()).isEqualTo(KEY);
        assertThat(Files.getPosixFilePermissions(RunHandle.apiKeyFile(home)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        RunHandle found = RunHandle.find(home, Map.of());
        assertThat(found.apiKey()).isEqualTo(KEY);
        assertThat(found.services()).containsOnlyKeys(RunCommand.SERVICES)
                .containsEntry("position-service", java.net.URI.create("http://127.0.0.1:" + services.getAddress().getPort()));

        RunHandle.withdraw(home);
        assertThat(RunHandle.servicesFile(home)).doesNotExist();
        assertThat(RunHandle.apiKeyFile(home)).doesNotExist();
    }

    @Test
    void positions_lists_open_and_closed_ones_with_their_prices_and_pnl() throws Exception {
        RunHandle.publish(home, RunCommand.SERVICES, service -> services.getAddress().getPort(), KEY);

        assertThat(desk(Map.of()).positions("open")).isEqualTo(2);

        assertThat(requests).containsExactly("GET /api/positions?status=open");
        String table = printed();
        assertThat(table).contains("POS-2").contains("NIFTY25D0926200CE").contains("120.5").contains("96.4").contains("168.7");
        assertThat(table.lines().filter(l -> l.startsWith("POS-1")).findFirst().orElseThrow())
                .contains("closed").contains("6477.58").contains("SQUARE_OFF at 395.05");
    }

    @Test
    void close_asks_with_the_runs_key_and_tells_why_when_the_service_refuses() throws Exception {
        RunHandle.publish(home, RunCommand.SERVICES, service -> services.getAddress().getPort(), KEY);
        DeskCommands desk = desk(Map.of());

        desk.close("POS-2");
        assertThat(printed()).contains("close of POS-2 asked by launcher");

        assertThatThrownBy(() -> desk.close("POS-1")).hasMessageContaining("409").hasMessageContaining("position POS-1 is closed");
        assertThat(requests).containsExactly("POST /api/positions/POS-2/close key=" + KEY, "POST /api/positions/POS-1/close key=" + KEY);
    }

    @Test
    void the_kill_switch_is_shown_turned_on_with_a_reason_and_off() throws Exception {
        RunHandle.publish(home, RunCommand.SERVICES, service -> services.getAddress().getPort(), KEY);
        DeskCommands desk = desk(Map.of());

        desk.killSwitch(null, null);
        assertThat(printed()).startsWith("kill switch off");
        desk.killSwitch(true, "news at 14:00");
        assertThat(printed()).startsWith("kill switch ON").contains("news at 14:00").contains("by launcher");
        desk.killSwitch(false, null);
        assertThat(printed()).startsWith("kill switch off").contains("turned off by launcher");

        assertThat(requests).containsExactly("GET /api/risk",
                "POST /api/risk/kill-switch key=" + KEY + " {\"on\":true,\"reason\":\"news at 14:00\"}",
                "POST /api/risk/kill-switch key=" + KEY + " {\"on\":false,\"reason\":null}");
    }

    @Test
    void the_trading_state_is_shown_and_set_with_a_reason() throws Exception {
        RunHandle.publish(home, RunCommand.SERVICES, service -> services.getAddress().getPort(), KEY);
        DeskCommands desk = desk(Map.of());

        desk.tradingState(null, null);
        assertThat(printed()).isEqualTo("trading state ACTIVE: signals are traded\n");
        desk.tradingState("REDUCING", "RBI at 10:00");
        assertThat(printed()).isEqualTo("trading state REDUCING: exits only, new entries are refused (reason: RBI at 10:00, set by launcher "
                + "at 2025-12-03T04:00:00Z)\n");
        desk.tradingState("ACTIVE", null);
        assertThat(printed()).isEqualTo("trading state ACTIVE: signals are traded (set by launcher at 2025-12-03T05:00:00Z)\n");

        assertThat(requests).containsExactly("GET /api/risk",
                "POST /api/risk/trading-state key=" + KEY + " {\"state\":\"REDUCING\",\"reason\":\"RBI at 10:00\"}",
                "POST /api/risk/trading-state key=" + KEY + " {\"state\":\"ACTIVE\",\"reason\":null}");
    }

    @Test
    void a_wrong_key_or_no_stack_is_told_plainly() throws Exception {
        RunHandle.publish(home, RunCommand.SERVICES, service -> services.getAddress().getPort(), KEY);
        assertThatThrownBy(() -> desk(Map.of("ALPHASTOCKS_API_KEY", "not-the-key")).killSwitch(true, "x"))
                .hasMessageContaining("the API key is not this stack's");

        RunHandle.withdraw(home);
        assertThatThrownBy(() -> desk(Map.of()).positions(null)).hasMessageContaining("start a stack first");
        assertThatThrownBy(() -> desk(Map.of("ALPHASTOCKS_POSITION_SERVICE_URL", "http://127.0.0.1:" + services.getAddress().getPort() + "/"))
                .close("POS-2")).hasMessageContaining("no API key");
        // Another deployment, given by the environment alone.
        desk(Map.of("ALPHASTOCKS_POSITION_SERVICE_URL", "http://127.0.0.1:" + services.getAddress().getPort(), "ALPHASTOCKS_API_KEY", KEY))
                .close("POS-2");
        assertThat(requests).last().isEqualTo("POST /api/positions/POS-2/close key=" + KEY);
    }
}
