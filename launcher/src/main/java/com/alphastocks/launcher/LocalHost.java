package com.alphastocks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.alphastocks.registry.LocalProcess;

/** What the local stack asks of this machine: a free port on 127.0.0.1, a folder removed, whether a service answers ready. */
final class LocalHost {

    private LocalHost() {
    }

    /** Whether the Quarkus service on {@code port} answers its readiness check. */
    static boolean ready(int port) {
        return LocalProcess.answersReady("http://127.0.0.1:" + port + "/q/health/ready");
    }

    static int freePort() {
        return LocalProcess.freePort();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
