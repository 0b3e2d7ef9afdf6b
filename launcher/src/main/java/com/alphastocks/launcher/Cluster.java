package com.alphastocks.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The cluster an ops command looks at: the one given ({@code --bootstrap} or {@code ALPHASTOCKS_BOOTSTRAP}), else
 * the local run's broker while it runs, else a broker started on the data the last local run left.
 */
final class Cluster implements AutoCloseable {

    private final String bootstrap;
    private final LocalStack started;

    private Cluster(String bootstrap, LocalStack started) {
        this.bootstrap = bootstrap;
        this.started = started;
    }

    static Cluster open(Home home, String given) throws IOException, InterruptedException {
        String configured = given != null ? given : System.getenv("ALPHASTOCKS_BOOTSTRAP");
        if (configured != null && !configured.isBlank()) {
            return new Cluster(configured, null);
        }
        Path address = home.runDir().resolve("kafka").resolve("bootstrap.servers");
        if (Files.exists(address)) {
            String running = Files.readString(address).trim();
            if (reachable(running)) {
                return new Cluster(running, null);
            }
        }
        System.err.println("==> starting the local broker on the last run's data (" + home.root().relativize(home.runDir().resolve("kafka")) + ")");
        LocalStack stack = new LocalStack(home, "ops");
        try {
            return new Cluster(stack.startBrokerOnLastRun(Duration.ofSeconds(120)), stack);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    private static boolean reachable(String bootstrap) {
        String first = bootstrap.split(",")[0];
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 500);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
