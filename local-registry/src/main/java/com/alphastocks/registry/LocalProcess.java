package com.alphastocks.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** What every local server the project starts shares: a port of its own, asking whether it is ready, and stopping it cleanly. */
public final class LocalProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private LocalProcess() {
    }

    /**
     * A port free on 127.0.0.1 now, and never one this JVM gave before: the processes it is for bind theirs only when
     * they start, and meanwhile the system may offer the same free port again (two services were once given one port;
     * the second answered ready for both and the first stopped).
     */
    public static int freePort() {
        while (true) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on 127.0.0.1", e);
            }
            if (GIVEN.add(port)) {
                return port;
            }
        }
    }

    /** Whether {@code url} (a health check) answers 200 within 2 s; false when nothing answers. */
    public static boolean answersReady(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, so that the process shuts down cleanly; SIGKILL after 20 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
