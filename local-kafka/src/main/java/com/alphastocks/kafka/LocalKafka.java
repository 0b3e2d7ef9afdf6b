package com.alphastocks.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) on 127.0.0.1, from Maven Central
 * artifacts. Restarting on the same data directory keeps the topics and offsets.
 */
public final class LocalKafka implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final SaslUser saslUser;
    private final int saslPort;
    private final Node node;
    private KafkaRaftServer server;

    /**
     * This broker as a node of a cluster: its id, every controller ({@code 1@127.0.0.1:PORT,2@...}), the cluster's id
     * (the same on every node) and how many replicas internal topics and new topics get (min ISR one less).
     */
    public record Node(int id, String voters, String clusterId, int replicas) {
        static final Node SINGLE = new Node(1, null, null, 1);
    }

    /** A client account on the broker's SASL/PLAIN listener. */
    public record SaslUser(String name, String password) {

        /** The client setting {@code sasl.jaas.config} that logs in as this user. */
        public String jaasConfig() {
            return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + name + "\" password=\""
                    + password + "\";";
        }
    }

    private LocalKafka(Path dataDir, int port, int controllerPort, Map<String, String> overrides, SaslUser saslUser, int saslPort,
                       Node node) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.overrides = overrides;
        this.saslUser = saslUser;
        this.saslPort = saslPort;
        this.node = node;
    }

    /** A broker on {@code port} (0 picks a free one) keeping its log in {@code dataDir}; not started yet. */
    public static LocalKafka on(Path dataDir, int port, Map<String, String> overrides) {
        return new LocalKafka(dataDir, port == 0 ? freePort() : port, freePort(), Map.copyOf(overrides), null, 0, Node.SINGLE);
    }

    /** A node of a cluster (broker and controller in one) on {@code port}, its controller on {@code controllerPort}. */
    public static LocalKafka clusterNode(Path dataDir, int port, int controllerPort, Node node, Map<String, String> overrides) {
        return new LocalKafka(dataDir, port, controllerPort, Map.copyOf(overrides), null, 0, node);
    }

    /** The same broker with a second client listener, SASL_PLAINTEXT with the PLAIN mechanism, that admits {@code user}. */
    public LocalKafka withSasl(SaslUser user) {
        return new LocalKafka(dataDir, port, controllerPort, overrides, user, freePort(), node);
    }

    /** Formats the log directory on first use, then starts the broker; returns when it serves clients. */
    public synchronized LocalKafka start() {
        if (server != null) {
            return this;
        }
        Properties props = properties();
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        formatOnce(config);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL_PLAINTEXT listener's address; only for a broker made {@link #withSasl}. */
    public String saslBootstrapServers() {
        if (saslUser == null) {
            throw new IllegalStateException("this broker has no SASL listener");
        }
        return "127.0.0.1:" + saslPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.id()));
        p.put("controller.quorum.voters", node.voters() == null ? "1@127.0.0.1:" + controllerPort : node.voters());
        String sasl = saslUser == null ? "" : ",SASL_PLAINTEXT://127.0.0.1:" + saslPort;
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + sasl + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + sasl);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        if (saslUser != null) {
            p.put("sasl.enabled.mechanisms", "PLAIN");
            p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
                    + saslUser.name() + "=\"" + saslUser.password() + "\";");
        }
        p.put("controller.listener.names", CONTROLLER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        // Every internal topic has as many replicas as there are nodes (one node: one, or consumer groups and
        // transactions never work); a write needs all but one of them in sync.
        String replicas = Integer.toString(node.replicas());
        String minIsr = Integer.toString(Math.max(1, node.replicas() - 1));
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        if (node.replicas() > 1) {
            // A node that dies is fenced (its partitions led elsewhere) after 4 s, not 9, and dropped from the in-sync
            // replicas after 4 s, not 30: until then every acks=all write it follows waits for it. When the node that
            // dies is the active controller, the others first elect a new one (they notice after the quorum's fetch
            // timeout, 1.5 s, not 2), and the new controller fences the dead node a session after it took over: the
            // broker kill of the scale-out measured ~3.3 s of election then 6 s of session before leaders moved.
            p.put("broker.session.timeout.ms", "4000");
            p.put("broker.heartbeat.interval.ms", "1000");
            p.put("replica.lag.time.max.ms", "4000");
            p.put("controller.quorum.fetch.timeout.ms", "1500");
            p.put("controller.quorum.election.timeout.ms", "750");
        }
        // A transaction left open by a crashed producer is aborted within a second of its timeout, not ten.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // Topics come from the catalogue with their partition count, never from a stray client.
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "6");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        // Keep every record: a replayed trading day carries its own (past) timestamps, and time-based retention
        // would delete a backlog of them before the services read it. A run starts on fresh data anyway.
        p.put("log.retention.ms", "-1");
        p.putAll(overrides);
        return p;
    }

    private void formatOnce(KafkaConfig config) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(node.clusterId() == null ? Uuid.randomUuid().toString() : node.clusterId())
                    .setDirectories(List.of(dataDir.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName(CONTROLLER)
                    .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
