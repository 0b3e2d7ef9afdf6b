package com.alphastocks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A local Kafka cluster of several brokers, each broker and controller in one, each its own JVM ({@code ./alphastocks scale}). */
final class LocalCluster {

    private LocalCluster() {
    }

    /**
     * Starts a cluster of {@code nodes} brokers on fresh data (each broker and controller in one, its own JVM, data in
     * {@code .run/cluster/node-N}, log {@code kafka-N.log}, process {@code kafka-N}): every topic and internal topic
     * with {@code nodes} replicas and min ISR one less. Returns the bootstrap list once every node serves clients.
     */
    static String start(Home home, int nodes, Duration timeout, UnaryOperator<ManagedProcess> start) throws IOException, InterruptedException {
        Path root = home.runDir().resolve("cluster");
        LocalHost.deleteRecursively(root);
        int[] ports = new int[nodes];
        List<String> voters = new ArrayList<>();
        List<Integer> controllers = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ports[i] = LocalHost.freePort();
            controllers.add(LocalHost.freePort());
            voters.add((i + 1) + "@127.0.0.1:" + controllers.get(i));
        }
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        Map<Path, ManagedProcess> started = new LinkedHashMap<>();
        for (int i = 0; i < nodes; i++) {
            int id = i + 1;
            Path data = root.resolve("node-" + id);
            Files.createDirectories(data);
            started.put(data.resolve("bootstrap.servers"), start.apply(ManagedProcess.startJava("kafka-" + id, home.logs().resolve("kafka-" + id + ".log"),
                    LocalStack.brokerJvm(home, "kafka-" + id, List.of("--data", data.toString(),
                            "--port", Integer.toString(ports[i]), "--node-id", Integer.toString(id),
                            "--controller-port", Integer.toString(controllers.get(i)), "--voters", String.join(",", voters),
                            "--cluster-id", clusterId)), Map.of())));
        }
        // The nodes start together: a node serves once a majority of the controllers has formed the quorum.
        for (var node : started.entrySet()) {
            node.getValue().awaitReady(() -> Files.exists(node.getKey()), timeout);
        }
        List<String> addresses = new ArrayList<>();
        for (int port : ports) {
            addresses.add("127.0.0.1:" + port);
        }
        return String.join(",", addresses);
    }
}
