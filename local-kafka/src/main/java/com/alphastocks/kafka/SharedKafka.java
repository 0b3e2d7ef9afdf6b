package com.alphastocks.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One broker for a whole test JVM: the first caller starts it, every test class after that reuses it, and it
 * stops with the JVM. Its data lives in a temporary directory removed at exit.
 */
public final class SharedKafka {

    private static LocalKafka broker;
    /** The one account of the SASL listener; its password is made anew for each test JVM. */
    private static final LocalKafka.SaslUser SASL_USER = new LocalKafka.SaslUser("alphastocks-test", java.util.UUID.randomUUID().toString());

    private SharedKafka() {
    }

    public static synchronized LocalKafka broker() {
        if (broker == null) {
            Path dir = tempDir();
            long start = System.nanoTime();
            broker = LocalKafka.on(dir, 0, Map.of()).withSasl(SASL_USER).start();
            System.out.printf("[local-kafka] shared test broker on %s started in %d ms%n",
                    broker.bootstrapServers(), (System.nanoTime() - start) / 1_000_000);
            LocalKafka started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.stop();
                deleteRecursively(dir);
                deleteRecursively(stateDir());
            }, "shared-kafka-stop"));
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** The same broker's SASL_PLAINTEXT (PLAIN) listener, for tests of clients that must authenticate. */
    public static String saslBootstrapServers() {
        return broker().saslBootstrapServers();
    }

    public static LocalKafka.SaslUser saslUser() {
        broker();
        return SASL_USER;
    }

    /** A directory for Kafka Streams state, fresh for this test JVM and beside the broker's data. */
    public static Path stateDir() {
        return broker().dataDir().resolveSibling(broker().dataDir().getFileName() + "-streams-state");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("alphastocks-kafka-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort at JVM exit: a leftover temp directory is harmless.
        }
    }
}
