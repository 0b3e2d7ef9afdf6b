package com.alphastocks.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real Apicurio Registry on 127.0.0.1: the server's own distribution from Maven Central (unpacked by this module's
 * build into {@code local-registry/target/apicurio-registry}), run as its own JVM on Java 21 or newer, with in-memory
 * storage. Its REST API, Confluent-compatible API and management interface (health) all listen on 127.0.0.1 only.
 *
 * <p>The launcher starts it as one of its processes from {@link #command}; tests start it with {@link #start}.
 */
public final class LocalRegistry implements AutoCloseable {

    /** The server's version (the build's {@code apicurio.server.version}). */
    public static final String VERSION = serverVersion();
    private static final String DISTRIBUTION_SETTING = "alphastocks.registry.distribution";
    private static final Path IN_CHECKOUT = Path.of("local-registry", "target", "apicurio-registry");

    /** Where a started server listens: its HTTP port (APIs) and management port (health). */
    public record Ports(int http, int management) {

        public static Ports free() {
            return new Ports(LocalProcess.freePort(), LocalProcess.freePort());
        }

        /** The core v3 API, as Apicurio's serdes want it in {@code apicurio.registry.url}. */
        public String apiUrl() {
            return "http://127.0.0.1:" + http + "/apis/registry/v3";
        }

        /** The Confluent-compatible API, for Confluent's clients. */
        public String confluentUrl() {
            return "http://127.0.0.1:" + http + "/apis/ccompat/v7";
        }

        /** Whether the server answers ready on its management port. */
        public boolean ready() {
            return LocalProcess.answersReady("http://127.0.0.1:" + management + "/health/ready");
        }
    }

    private final Process process;
    private final Ports ports;
    private final Path log;

    private LocalRegistry(Process process, Ports ports, Path log) {
        this.process = process;
        this.ports = ports;
        this.log = log;
    }

    /**
     * The command that runs the server from {@code distribution} on {@code ports}: the first Java 21+ runtime found
     * ({@link JavaRuntimes}), a 512 MB heap, everything bound to 127.0.0.1, storage in memory.
     */
    public static List<String> command(Path distribution, Ports ports) {
        return command(distribution, ports, null);
    }

    /** As {@link #command(Path, Ports)}, the storage (H2) in files under {@code dataDir} when it is not null. */
    public static List<String> command(Path distribution, Ports ports, Path dataDir) {
        Path runJar = distribution.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(runJar)) {
            throw new IllegalStateException("no Apicurio Registry distribution at " + distribution
                    + ": build it first (./mvnw -pl local-registry package unpacks it from Maven Central)");
        }
        Path java = JavaRuntimes.atLeast(21, "Apicurio Registry " + VERSION);
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + ports.http(),
                // The management interface (health, metrics) binds 0.0.0.0:9000 unless told otherwise.
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + ports.management(),
                "-Dquarkus.log.console.format=%d{HH:mm:ss.SSS} %-5p [%c{2.}] %s%e%n"));
        if (dataDir != null) {
            command.add("-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry"));
        }
        command.addAll(List.of("-jar", runJar.toString()));
        return command;
    }

    /** The distribution the build unpacked: the setting {@value #DISTRIBUTION_SETTING}, or the checkout's, found from the working directory up. */
    public static Path distribution() {
        String setting = System.getProperty(DISTRIBUTION_SETTING);
        if (setting != null && !setting.isBlank()) {
            return Path.of(setting);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(IN_CHECKOUT).resolve("quarkus-run.jar"))) {
                return dir.resolve(IN_CHECKOUT);
            }
        }
        throw new IllegalStateException("no Apicurio Registry distribution found (" + IN_CHECKOUT + " in this checkout, or "
                + DISTRIBUTION_SETTING + "): build it first (./mvnw -pl local-registry package)");
    }

    /** Starts a server from {@code distribution} on free ports, logging to {@code log}; returns once it is ready. */
    public static LocalRegistry start(Path distribution, Path log, Duration timeout) {
        Ports ports = Ports.free();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command(distribution, ports)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            LocalRegistry registry = new LocalRegistry(process, ports, log);
            registry.awaitReady(timeout);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Apicurio Registry", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!ports.ready()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String why = process.isAlive() ? "was not ready within " + timeout.toSeconds() + " s" : "exited with status " + process.exitValue();
                    close();
                    throw new IllegalStateException("Apicurio Registry " + why + "; its log: " + log);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Apicurio Registry started", e);
        }
    }

    public Ports ports() {
        return ports;
    }

    /** The core v3 API ({@code apicurio.registry.url}). */
    public String url() {
        return ports.apiUrl();
    }

    /** The Confluent-compatible API. */
    public String confluentUrl() {
        return ports.confluentUrl();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        LocalProcess.stop(process);
    }

    private static String serverVersion() {
        try (InputStream in = LocalRegistry.class.getResourceAsStream("server.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("local-registry's server.properties is missing from its jar", e);
        }
    }
}
