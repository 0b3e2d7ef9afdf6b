package com.alphastocks.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
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
