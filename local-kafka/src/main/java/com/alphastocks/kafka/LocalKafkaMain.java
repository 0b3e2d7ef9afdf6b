package com.alphastocks.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The local broker as its own process, for {@code ./alphastocks run}:
 * {@code java -jar local-kafka.jar --data DIR [--port 9092]}, or as a node of a cluster (broker and controller in one,
 * replication factor and min ISR from the number of voters) with {@code --node-id N --controller-port PORT
 * --voters 1@127.0.0.1:PORT,... --cluster-id ID}. It prints {@code READY <bootstrap>} once it
 * serves clients, writes the address to {@code DIR/bootstrap.servers}, and stops cleanly on SIGTERM.
 */
@Command(name = "local-kafka", sortOptions = false, description = "A real Kafka broker (KRaft, broker and controller in one) on 127.0.0.1.")
public final class LocalKafkaMain implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "its data folder (logs in DIR/kafka-logs)")
    private Path data;
    @Option(names = "--port", paramLabel = "PORT", description = "its client port (default: ${DEFAULT-VALUE})")
    private int port = 9092;
    @Option(names = "--node-id", paramLabel = "N", description = "a cluster node's id (default: ${DEFAULT-VALUE})")
    private int nodeId = 1;
    @Option(names = "--controller-port", paramLabel = "PORT", description = "a cluster node's controller port")
    private int controllerPort;
    @Option(names = "--voters", paramLabel = "1@127.0.0.1:PORT,...", description = "the cluster's controller quorum")
    private String voters;
    @Option(names = "--cluster-id", paramLabel = "ID", description = "the cluster's id")
    private String clusterId;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    private boolean help;
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // Not System.exit on success: the broker runs until SIGTERM, whose shutdown hook stops it.
        int status = new CommandLine(new LocalKafkaMain()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (voters != null && (controllerPort == 0 || clusterId == null)) {
            throw new ParameterException(spec.commandLine(), "a cluster node (--voters) needs --controller-port and --cluster-id too");
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
        return 0;
    }
}
