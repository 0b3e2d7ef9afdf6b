package com.alphastocks.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

import com.alphastocks.kafka.SharedKafka;

import static org.awaitility.Awaitility.await;

/**
 * A topology as its own deployment on the test JVM's shared broker: what the restart and crash tests start, stop (or
 * crash) and start again. Its group's session is short (6 s): Kafka Streams does not leave its group on close, and a
 * restarted instance, or a thread that replaces a dead one, waits the old session out before it gets the tasks.
 */
public final class TestDeployment {

    private final Topology topology;
    private final Properties props = new Properties();
    private boolean replaceDeadThreads;

    private TestDeployment(Topology topology, String applicationId, Path state) {
        this.topology = topology;
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), "6000");
        props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "1500");
    }

    /** {@code topology} as the deployment {@code applicationId}, its local state in {@code state}. */
    public static TestDeployment of(Topology topology, String applicationId, Path state) {
        return new TestDeployment(topology, applicationId, state);
    }

    /** {@code at_least_once} or {@code exactly_once_v2}. */
    public TestDeployment guarantee(String guarantee) {
        return set(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    }

    public TestDeployment commitEvery(Duration interval) {
        return set(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(interval.toMillis()));
    }

    /**
     * Where a fresh deployment starts reading: {@code earliest} (it sees what was sent before it was assigned its
     * partitions) or {@code latest} (it does not see what other tests sent before).
     */
    public TestDeployment readingFrom(String autoOffsetReset) {
        return set(StreamsConfig.consumerPrefix("auto.offset.reset"), autoOffsetReset);
    }

    /**
     * A thread that dies is replaced, as the services' ReplaceFailedStreamThread does: it restores the stores and reads on
     * from the last committed offset, as a restarted process would. Under exactly-once the dead thread's transaction is
     * left open and blocks readers until it times out: 3 s here.
     */
    public TestDeployment replacingDeadThreads() {
        replaceDeadThreads = true;
        return set(StreamsConfig.producerPrefix("transaction.timeout.ms"), "3000");
    }

    public TestDeployment set(String key, Object value) {
        props.put(key, value);
        return this;
    }

    public KafkaStreams start() {
        KafkaStreams streams = create();
        streams.start();
        return streams;
    }

    /** The deployment's Kafka Streams, not started yet. */
    public KafkaStreams create() {
        KafkaStreams streams = new KafkaStreams(topology, props);
        if (replaceDeadThreads) {
            streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        return streams;
    }

    /** Started, and running (its tasks assigned and restored) within a minute. */
    public KafkaStreams startRunning() {
        KafkaStreams streams = start();
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }
}
