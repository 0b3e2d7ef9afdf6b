package com.alphastocks.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} application at the JVM's shared broker, with Kafka Streams state in a directory
 * of this test run (stale state from an earlier run corrupts tasks). Stopping is left to the JVM's exit, so
 * that every test class of a module runs against the same broker.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedKafka.bootstrapServers(),
                "alphastocks.state-dir", SharedKafka.stateDir().toString());
    }

    @Override
    public void stop() {
        // The shared broker outlives each application start; SharedKafka stops it at JVM exit.
    }
}
