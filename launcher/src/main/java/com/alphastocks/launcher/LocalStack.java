package com.alphastocks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.alphastocks.registry.LocalRegistry;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.wire.WireMode;
import com.alphastocks.streams.wire.WireSettings;

/**
 * The local pipeline as processes: a real Kafka broker (its own JVM, data under {@code .run/kafka}) and the
 * services as their Quarkus fast-jars, all on 127.0.0.1, each logging to {@code .run/logs/<name>.log}.
 * Closing it stops everything, services first.
 */
public final class LocalStack implements Stack {

    /** The five services, in the order they start. */
    public static final List<String> SERVICES = List.of("signal-service", "executor-service", "position-service", "notification-service",
            "analytics-service");
    /** The consumer group of the sample strategies' runner. */
    public static final String RUNNER_GROUP = "strategy-runner";

    /**
     * A service's own JVM flags, as its image has them ({@code quarkus.jib.jvm-additional-arguments}). The
     * notification-service waits on people's channels, not on its CPU: compiled by C1 alone it used half the CPU in the
     * main job (7.5 s against 14.6, most of that C2 compiling) and starts on a third less, so a restart is ready sooner.
     */
    private static final Map<String, List<String>> OWN_JVM_FLAGS = Map.of("notification-service", List.of("-XX:TieredStopAtLevel=1"));

    private final Home home;
    private final String apiKey;
    /** Copy-on-write: a fault injector restarts processes while the run reads the list. */
    private final List<ManagedProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    private String bootstrapServers;

    /** @param apiKey the key this run's services accept on write endpoints (name: launcher) */
    public LocalStack(Home home, String apiKey) {
        this.home = home;
        this.apiKey = apiKey;
    }

    /** Starts a broker on fresh data (a run starts clean) and returns its address once it serves clients. */
    @Override
    public String startBroker(Duration timeout) throws IOException, InterruptedException {
        Path data = home.runDir().resolve("kafka");
        LocalHost.deleteRecursively(data);
        Files.createDirectories(data);
        return launchBroker(data, "kafka.log", timeout);
    }

    /**
     * Starts a broker on the data the last run left ({@code .run/kafka}), for looking at it afterwards; fails when
     * there is none.
     */
    public String startBrokerOnLastRun(Duration timeout) throws IOException, InterruptedException {
        if (!hasLastRun()) {
            throw new IllegalStateException("no local run to look at (" + home.root().relativize(home.runDir().resolve("kafka"))
                    + " is empty): run ./alphastocks run first, or give --bootstrap HOST:PORT");
        }
        return launchBroker(home.runDir().resolve("kafka"), "kafka-ops.log", timeout);
    }

    /** Whether a run left broker data in {@code .run/kafka}. */
    boolean hasLastRun() {
        return Files.isDirectory(home.runDir().resolve("kafka").resolve("kafka-logs"));
    }

    /** Starts a broker on the data the last run left, to carry on with it ({@code run --resume}). */
    String resumeBroker(Duration timeout) throws IOException, InterruptedException {
        return launchBroker(home.runDir().resolve("kafka"), "kafka.log", timeout);
    }

    /** Starts a cluster of {@code nodes} brokers on fresh data ({@link LocalCluster}); its bootstrap list once every node serves. */
    public String startCluster(int nodes, Duration timeout) throws IOException, InterruptedException {
        bootstrapServers = LocalCluster.start(home, nodes, timeout, this::start);
        archiveClasses();
        return bootstrapServers;
    }

    /** A broker node's command line ({@code name}: its process), with its class-data archive as the services have theirs. */
    static List<String> brokerJvm(Home home, String name, List<String> brokerArguments) {
        List<String> jvm = new ArrayList<>(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
        jvm.addAll(ClassDataSharing.flags(home.runDir().resolve("cds"), name, home.brokerJar()));
        jvm.addAll(List.of("-jar", home.brokerJar().toString()));
        jvm.addAll(brokerArguments);
        return jvm;
    }

    /** The broker writes its address to {@code bootstrap.servers} in its data folder once it serves clients. */
    private String launchBroker(Path data, String log, Duration timeout) throws IOException, InterruptedException {
        Path address = data.resolve("bootstrap.servers");
        Files.deleteIfExists(address);
        // A port of its own, not 0: a broker restarted by the same command must come back where the clients look.
        ManagedProcess broker = start(ManagedProcess.startJava("kafka", home.logs().resolve(log),
                brokerJvm(home, "kafka", List.of("--data", data.toString(), "--port", Integer.toString(LocalHost.freePort()))), Map.of()));
        broker.awaitReady(() -> Files.exists(address), timeout);
        archiveClasses();
        bootstrapServers = Files.readString(address).trim();
        return bootstrapServers;
    }

    /**
     * Starts Apicurio Registry (its own JVM on Java 21+, log {@code registry.log}, process {@code registry}) with its
     * storage in {@code .run/registry} (fresh unless {@code keepData}, so that a resumed run still reads what it wrote);
     * returns its ports once it is ready, and writes its core API's address to {@code .run/registry/url} for other tools.
     */
    LocalRegistry.Ports startRegistry(Duration timeout, boolean keepData) throws IOException, InterruptedException {
        Path data = home.runDir().resolve("registry");
        if (!keepData) {
            LocalHost.deleteRecursively(data);
        }
        Files.createDirectories(data);
        LocalRegistry.Ports ports = LocalRegistry.Ports.free();
        ManagedProcess registry = start(ManagedProcess.start("registry", home.logs().resolve("registry.log"),
                LocalRegistry.command(home.registryDistribution(), ports, data)));
        registry.awaitReady(ports::ready, timeout);
        Files.writeString(data.resolve("url"), ports.apiUrl() + "\n");
        return ports;
    }

    /** Starts the services side by side (state under {@code .run/state}) and waits until each answers ready. */
    public void startServices(List<String> services, Duration timeout) throws IOException, InterruptedException {
        startServices(services, timeout, Map.of());
    }

    /** As {@link #startServices(List, Duration)}, each service also given {@code settings} (-D system properties). */
    public void startServices(List<String> services, Duration timeout, Map<String, String> settings)
            throws IOException, InterruptedException {
        startServices(services, timeout, settings, false);
    }

    /** As {@link #startServices(List, Duration, Map)}; with {@code keepState} on the local state the last run left. */
    @Override
    public void startServices(List<String> services, Duration timeout, Map<String, String> settings, boolean keepState)
            throws IOException, InterruptedException {
        Path state = home.runDir().resolve("state");
        if (!keepState) {
            LocalHost.deleteRecursively(state);
        }
        Map<String, String> serviceSettings = withCatalogue(settings);
        Map<String, ManagedProcess> started = new LinkedHashMap<>();
        for (String service : services) {
            int port = LocalHost.freePort();
            httpPorts.put(service, port);
            // A second instance of a service (SERVICE#2) has its own port and local state, in the service's group.
            int hash = service.indexOf('#');
            Path instanceState = hash < 0 ? state : state.resolveSibling("state-" + service.substring(hash + 1));
            if (hash >= 0 && !keepState) {
                LocalHost.deleteRecursively(instanceState);
            }
            List<String> jvm = serviceJvm(service, port, instanceState, serviceSettings, hash < 0 ? service : service.substring(0, hash));
            started.put(service, start(ManagedProcess.startJava(service, home.logs().resolve(service + ".log"), jvm,
                    // A secret goes by environment, not on a command line every user can list.
                    Map.of("ALPHASTOCKS_SECURITY_API_KEYS_LAUNCHER", apiKey))));
        }
        for (var service : started.entrySet()) {
            int port = httpPorts.get(service.getKey());
            service.getValue().awaitReady(() -> LocalHost.ready(port), timeout);
        }
        archiveClasses();
    }

    /** The class-data archives of the processes that are ready and have none of this build yet ({@link ClassDataSharing}). */
    private void archiveClasses() {
        long began = System.nanoTime();
        int written = ClassDataSharing.archive(cds(), processes);
        if (written > 0) {
            RunCommand.say("class data of " + written + " process(es) archived in " + (System.nanoTime() - began) / 1_000_000_000
                    + " s (.run/cds; once a build: later starts of this build are ready sooner)");
        }
    }

    private Path cds() {
        return home.runDir().resolve("cds");
    }

    /**
     * The catalogue's topics made here, once, as the services would make them with these settings, and the services told
     * not to check it again: a restarted service is ready without that round trip (0.5 s on an idle machine, 1-2 s while a
     * day plays), and services started side by side no longer each ask (3-10 s apiece for ten instances at once).
     */
    private Map<String, String> withCatalogue(Map<String, String> settings) {
        if ("false".equals(settings.get(ClusterAdmin.CHECK_CATALOGUE_SETTING))) {
            return settings;
        }
        try (ClusterAdmin admin = ClusterAdmin.at(bootstrapServers)) {
            admin.ensureCatalogue(settings);
        }
        Map<String, String> checked = new LinkedHashMap<>(settings);
        checked.put(ClusterAdmin.CHECK_CATALOGUE_SETTING, "false");
        return checked;
    }

    /** The command line of a service's JVM: its heap, broker, port, local state, settings and class-data archive. */
    private List<String> serviceJvm(String service, int port, Path instanceState, Map<String, String> settings, String module) {
        // The heap at its working size from the start: growing it from a small one costs full collections (30-70 ms
        // pauses in a trade's path, seen in a profile of the tick-to-exit benchmark).
        List<String> jvm = new ArrayList<>(List.of("-Xms192m", "-Xmx384m", "-Xmn96m", "-XX:+UseSerialGC",
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dalphastocks.state-dir=" + instanceState));
        jvm.addAll(OWN_JVM_FLAGS.getOrDefault(module, List.of()));
        settings.forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        // For a profile: e.g. -Dalphastocks.service-jvm="-XX:StartFlightRecording=filename=/tmp/{service}.jfr"
        String extra = System.getProperty("alphastocks.service-jvm", "").replace("{service}", service.replace('#', '-'));
        if (!extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        Path jar = home.serviceJar(module);
        jvm.addAll(ClassDataSharing.flags(cds(), service, jar));
        jvm.addAll(List.of("-jar", jar.toString()));
        return jvm;
    }

    /**
     * Starts the sample strategies' runner (its own process, like a user's strategy, consumer group
     * {@value #RUNNER_GROUP}) and waits until it reads the ticks.
     */
    @Override
    public void startStrategyRunner(Duration candle, Duration timeout, WireSettings wire) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-jar", home.strategyRunnerJar().toString(),
                "--bootstrap", bootstrapServers, "--group", RUNNER_GROUP, "--candle", candle.toString()));
        if (wire.mode() == WireMode.REGISTRY) {
            command.addAll(List.of("--registry", wire.registryUrl()));
        }
        ManagedProcess runner = start(ManagedProcess.startJava("strategy-runner", home.logs().resolve("strategy-runner.log"), command, Map.of()));
        runner.awaitReady(() -> runner.logContains("READY strategy runner"), timeout);
    }

    /**
     * kill -9 of a process of the stack, then the same process started again (a service on its port and local state;
     * the broker on its data, on the same port) once it has gone; returns when it is ready again.
     */
    void killAndRestart(String name, Duration timeout) throws IOException, InterruptedException {
        ManagedProcess dead = process(name);
        dead.kill();
        restart(dead, timeout);
    }

    /** kill -9 of a process of the stack (a broker node, a service instance), not started again. */
    public void kill(String name) throws InterruptedException {
        process(name).kill();
    }

    /** A clean stop (SIGTERM, as an operator's restart) and start of a process of the stack; returns when it is ready again. */
    void stopAndRestart(String name, Duration timeout) throws IOException, InterruptedException {
        ManagedProcess stopped = process(name);
        stopped.close();
        restart(stopped, timeout);
    }

    private void restart(ManagedProcess old, Duration timeout) throws IOException, InterruptedException {
        if (old.name().equals("kafka")) {
            Files.deleteIfExists(home.runDir().resolve("kafka").resolve("bootstrap.servers"));
        }
        ManagedProcess again = old.startAgain(ClassDataSharing.onArchive(cds(), old.name()));
        processes.set(processes.indexOf(old), again);
        if (old.name().equals("kafka")) {
            Path address = home.runDir().resolve("kafka").resolve("bootstrap.servers");
            again.awaitReady(() -> Files.exists(address), timeout);
        } else if (httpPorts.containsKey(old.name())) {
            int port = httpPorts.get(old.name());
            again.awaitReady(() -> LocalHost.ready(port), timeout);
        } else {
            again.awaitReady(again::isAlive, timeout);
        }
    }

    public ManagedProcess process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + name));
    }

    @Override
    public Map<String, Long> peakRssMb() {
        Map<String, Long> peaks = new java.util.TreeMap<>();
        for (ManagedProcess p : processes) {
            if (p.isAlive()) {
                ManagedProcess.peakRssMb(p.pid()).ifPresent(mb -> peaks.put(p.name(), mb));
            }
        }
        return peaks;
    }

    /** Each running process's CPU time so far (user and system, all its threads); left out where the system does not tell. */
    public Map<String, Duration> cpuTime() {
        Map<String, Duration> times = new java.util.TreeMap<>();
        for (ManagedProcess p : processes) {
            if (p.isAlive()) {
                ProcessHandle.of(p.pid()).flatMap(h -> h.info().totalCpuDuration()).ifPresent(cpu -> times.put(p.name(), cpu));
            }
        }
        return times;
    }

    /** The key this run's services accept on write endpoints. */
    String apiKey() {
        return apiKey;
    }

    @Override
    public int httpPort(String service) {
        return httpPorts.get(service);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        List<ManagedProcess> all = new ArrayList<>(processes);
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
        processes.clear();
    }

    private ManagedProcess start(ManagedProcess process) {
        processes.add(process);
        return process;
    }

}
