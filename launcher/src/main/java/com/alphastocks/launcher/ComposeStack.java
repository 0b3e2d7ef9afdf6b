package com.alphastocks.launcher;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.alphastocks.streams.wire.WireMode;
import com.alphastocks.streams.wire.WireSettings;

/**
 * The local compose stack ({@code docker-compose.yml} with {@code docker-compose.local.yml}): the broker, the services
 * and the strategy runner as containers of the locally built images, on the host network (everything on 127.0.0.1, at
 * the ports the override names). The compose tool and the engine come from {@code ./alphastocks} (environment
 * {@code ALPHASTOCKS_COMPOSE}, {@code ALPHASTOCKS_ENGINE}, {@code DOCKER_HOST}). Containers start in the order of
 * the base file's {@code depends_on}, each once the ones before it are healthy by their own health checks (run here
 * where the engine does not run them by itself: Podman without systemd). Closing it keeps each container's log in
 * {@code .run/logs/} and removes the containers.
 */
final class ComposeStack implements Stack {

    static final String PROJECT = "alphastocks";
    static final String BROKER = "127.0.0.1:9092";
    /** The services' ports on 127.0.0.1, as docker-compose.local.yml sets them. */
    static final Map<String, Integer> HTTP_PORTS = Map.of("signal-service", 8081, "executor-service", 8082, "position-service", 8083,
            "notification-service", 8084, "analytics-service", 8085);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    private final Home home;
    private final String apiKey;
    private final List<String> compose;
    private final String engine;
    private final List<String> started = new ArrayList<>();

    ComposeStack(Home home, String apiKey) {
        this.home = home;
        this.apiKey = apiKey;
        String tool = System.getenv("ALPHASTOCKS_COMPOSE");
        if (tool == null || tool.isBlank()) {
            throw new IllegalStateException("no compose tool: run this through ./alphastocks, which finds the engine and its compose tool");
        }
        this.compose = List.of(tool.trim().split("\\s+"));
        this.engine = System.getenv().getOrDefault("ALPHASTOCKS_ENGINE", "docker");
    }

    /** Removes what an earlier stack left, then starts the broker on fresh data (a container's own, gone with it). */
    @Override
    public String startBroker(Duration timeout) throws IOException, InterruptedException {
        compose("down", "--timeout", "10");
        List<String> busy = new ArrayList<>();
        for (int port : ports()) {
            if (listening(port)) {
                busy.add(Integer.toString(port));
            }
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException("port(s) " + String.join(", ", busy) + " on 127.0.0.1 are in use, and the local compose stack"
                    + " needs them (docker-compose.local.yml): stop what holds them (an ./alphastocks run --stay, another stack)");
        }
        writeSettings(Map.of());
        up(List.of("kafka"), timeout);
        return BROKER;
    }

    @Override
    public void startServices(List<String> services, Duration timeout, Map<String, String> settings, boolean keepState)
            throws IOException, InterruptedException {
        if (keepState) {
            throw new IllegalArgumentException("the compose stack starts clean: no resume");
        }
        writeSettings(settings);
        up(services, timeout);
    }

    @Override
    public void startStrategyRunner(Duration candle, Duration timeout, WireSettings wire) throws IOException, InterruptedException {
        if (wire.mode() != WireMode.EMBEDDED) {
            throw new IllegalArgumentException("the local compose stack runs the embedded wire mode (docker-compose.local.yml), not " + wire);
        }
        if (!candle.equals(RunCommand.CANDLE)) {
            throw new IllegalArgumentException("the compose stack's strategy runner trades " + RunCommand.CANDLE + " candles, not " + candle);
        }
        up(List.of("strategy-runner"), timeout);
    }

    /** Starts the market feed's container (it plays the sample day at 60x and exits). */
    void startMarketFeed() throws IOException, InterruptedException {
        compose("up", "-d", "--no-deps", "market-feed");
        started.add("market-feed");
    }

    @Override
    public int httpPort(String service) {
        Integer port = HTTP_PORTS.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service " + service + " in the compose stack");
        }
        return port;
    }

    @Override
    public Map<String, Long> peakRssMb() {
        Map<String, Long> peaks = new TreeMap<>();
        for (String service : started) {
            try {
                String pid = run(List.of(engine, "inspect", "-f", "{{.State.Pid}}", containerId(service))).trim();
                if (!pid.isEmpty() && !pid.equals("0")) {
                    ManagedProcess.peakRssMb(Long.parseLong(pid)).ifPresent(mb -> peaks.put(service, mb));
                }
            } catch (IOException | RuntimeException e) {
                // gone or not inspectable: no figure for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return peaks;
    }

    /** Each container of the stack with its state and health, as {@code ./alphastocks ps} prints them. */
    List<String> status() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (String id : compose("ps", "-q").lines().filter(l -> !l.isBlank()).toList()) {
            lines.add(run(List.of(engine, "inspect", "-f", "{{.Name}}  {{.Config.Image}}  {{.State.Status}}  {{if .State.Health}}"
                    + "{{.State.Health.Status}}{{end}}", id.trim())).trim().replaceFirst("^/", ""));
        }
        return lines;
    }

    /** Keeps each container's log in {@code .run/logs/} and removes the containers. */
    @Override
    public void close() {
        try {
            Files.createDirectories(home.logs());
            for (String service : started) {
                Files.writeString(home.logs().resolve(service + ".log"), compose("logs", "--no-color", service));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("    could not keep the containers' logs: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        down();
    }

    /** Removes the stack's containers (and its network). */
    void down() {
        try {
            compose("down", "--timeout", "10");
        } catch (IOException | RuntimeException e) {
            System.err.println("    compose down failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started.clear();
    }

    /** Starts containers (never their dependencies: those are up and healthy by then) and waits until each is healthy. */
    private void up(List<String> services, Duration timeout) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--no-deps"));
        args.addAll(services);
        compose(args.toArray(String[]::new));
        started.addAll(services);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String service : services) {
            awaitHealthy(service, deadline, timeout);
        }
    }

    /**
     * Until the container's own health check passes (the strategy runner, which has none: until it says it reads the
     * ticks); fails at once when the container stops.
     */
    private void awaitHealthy(String service, long deadline, Duration timeout) throws IOException, InterruptedException {
        String id = containerId(service);
        while (System.nanoTime() < deadline) {
            String state = run(List.of(engine, "inspect", "-f", "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}", id)).trim();
            if (!state.startsWith("running")) {
                throw new IllegalStateException(service + " stopped (" + state + "); its log ends:\n" + tail(compose("logs", "--no-color", service)));
            }
            boolean healthy;
            if (service.equals("strategy-runner")) {
                healthy = compose("logs", "--no-color", service).contains("READY strategy runner");
            } else if (engine.endsWith("podman")) {
                healthy = exitCode(List.of(engine, "healthcheck", "run", id)) == 0;
            } else {
                healthy = state.endsWith("healthy") && !state.endsWith("unhealthy");
            }
            if (healthy) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service + " not healthy within " + timeout.toSeconds() + " s; its log ends:\n"
                + tail(compose("logs", "--no-color", service)));
    }

    private String containerId(String service) throws IOException, InterruptedException {
        String id = compose("ps", "-q", service).trim();
        if (id.isEmpty()) {
            throw new IllegalStateException("no container for " + service);
        }
        return id.lines().findFirst().orElseThrow();
    }

    /** The run's settings, in a file each service reads as config/application.properties (docker-compose.local.yml). */
    private void writeSettings(Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        StringWriter text = new StringWriter();
        properties.store(text, "the run's settings for every service of the local compose stack (written by ./alphastocks)");
        Path file = home.runDir().resolve("containers").resolve("settings.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.toString());
    }

    private String compose(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-p", PROJECT, "-f", "docker-compose.yml", "-f", "docker-compose.local.yml"));
        command.addAll(List.of(args));
        return run(command);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Process process = start(command);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            String log = System.getenv("ALPHASTOCKS_ENGINE_LOG");
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + tail(output)
                    + (log == null ? "" : "\n(the engine's log: cat " + log + ")"));
        }
        return output;
    }

    private int exitCode(List<String> command) throws IOException, InterruptedException {
        Process process = start(command);
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.root().toFile()).redirectErrorStream(true);
        // Interpolated into docker-compose.yml's service environment: the key this stack's write endpoints accept.
        builder.environment().put("ALPHASTOCKS_API_KEY", apiKey);
        return builder.start();
    }

    private static List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(List.of(9092));
        ports.addAll(new TreeMap<>(HTTP_PORTS).values());
        return ports;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
