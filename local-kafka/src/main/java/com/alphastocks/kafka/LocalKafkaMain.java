package com.alphastocks.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local broker as its own process, for {@code ./alphastocks run}:
 * {@code java -jar local-kafka.jar --data DIR [--port 9092]}. It prints {@code READY <bootstrap>} once it
 * serves clients, writes the address to {@code DIR/bootstrap.servers}, and stops cleanly on SIGTERM.
 */
public final class LocalKafkaMain {

    private LocalKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        int port = 9092;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i));
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (data == null) {
            usage("--data DIR is required");
        }
        long start = System.nanoTime();
        LocalKafka broker = LocalKafka.on(data.resolve("kafka-logs"), port, Map.of());
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

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("local-kafka: " + problem + "\nusage: java -jar local-kafka.jar --data DIR [--port 9092]");
        System.exit(2);
    }
}
