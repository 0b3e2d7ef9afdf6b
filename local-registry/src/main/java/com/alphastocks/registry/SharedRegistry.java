package com.alphastocks.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One Apicurio Registry for a whole test JVM, as {@code SharedKafka} is one broker: the first caller starts it, every
 * test class after that reuses it, and it stops with the JVM.
 */
public final class SharedRegistry {

    private static LocalRegistry registry;

    private SharedRegistry() {
    }

    public static synchronized LocalRegistry registry() {
        if (registry == null) {
            long start = System.nanoTime();
            Path log;
            try {
                // Beside the module's build output (a test run's module directory), so that runs leave nothing in /tmp.
                Path target = Path.of("target");
                log = Files.isDirectory(target) ? target.resolve("alphastocks-registry-test.log")
                        : Files.createTempFile("alphastocks-registry-test-", ".log");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            registry = LocalRegistry.start(LocalRegistry.distribution(), log, Duration.ofSeconds(90));
            System.out.printf("[local-registry] shared test registry (Apicurio %s, pid %d) on %s started in %d ms; log %s%n",
                    LocalRegistry.VERSION, registry.pid(), registry.url(), (System.nanoTime() - start) / 1_000_000, log);
            LocalRegistry started = registry;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-registry-stop"));
        }
        return registry;
    }

    /** The core v3 API of the shared registry ({@code apicurio.registry.url}). */
    public static String url() {
        return registry().url();
    }
}
