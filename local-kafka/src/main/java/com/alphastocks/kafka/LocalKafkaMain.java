package com.alphastocks.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local broker as its own process, for {@code ./alphastocks run}:
 * {@code java -jar local-kafka.jar --data DIR [--port 9092]}, or as a node of a cluster (broker and controller in one,
 * replication factor and min ISR from the number of voters) with {@code --node-id N --controller-port PORT
 * --voters 1@127.0.0.1:PORT,... --cluster-id ID}. It prints {@code READY <bootstrap>} once it
 * serves clients, writes the address to {@code DIR/bootstrap.servers}, and stops cleanly on SIGTERM.
 */
public final class LocalKafkaMain {

    private LocalKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        int port = 9092;
        int nodeId = 1;
        int controllerPort = 0;
        String voters = null;
        String clusterId = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i));
                case "--port" -> port = number(args, ++i);
                case "--node-id" -> nodeId = number(args, ++i);
                case "--controller-port" -> controllerPort = number(args, ++i);
                case "--voters" -> voters = value(args, ++i);
                case "--cluster-id" -> clusterId = value(args, ++i);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (data == null) {
            usage("--data DIR is required");
        }
        if (voters != null && (controllerPort == 0 || clusterId == null)) {
            usage("a cluster node (--voters) needs --controller-port and --cluster-id too");
        }
        long start = System.nanoTime();
        LocalKafka broker = voters == null ? LocalKafka.on(data.resolve("kafka-logs"), port, Map.of())
                : LocalKafka.clusterNode(data.resolve("kafka-logs"), port, controllerPort,
                        new LocalKafka.Node(nodeId, voters, clusterId, voters.split(",").length), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "local-kafka-stop"));
        broker.start();
        Files.writeString(data.resolve("bootstrap.servers"), broker.bootstrapServers());
        System.out.printf("READY %s (started in %d ms)%n", broker.bootstrapServers(), (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        stopped.await();
    }

    private static int number(String[] args, int i) {
        String text = value(args, i);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            usage(args[i - 1] + " needs a number, not '" + text + "'");
            return 0;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("local-kafka: " + problem + "\nusage: java -jar local-kafka.jar --data DIR [--port 9092]"
                + " [--node-id N --controller-port PORT --voters 1@127.0.0.1:PORT,2@... --cluster-id ID]");
        System.exit(2);
    }
}
