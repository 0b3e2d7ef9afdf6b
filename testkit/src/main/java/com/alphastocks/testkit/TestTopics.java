package com.alphastocks.testkit;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.TopicProvisioner;

/** The catalogue's topics on the test JVM's shared broker, as the services make them at start. */
public final class TestTopics {

    private TestTopics() {
    }

    /** Every topic of the catalogue, with {@code partitions} each (made once; a second call finds them there). */
    public static void ensureAll(int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            TopicProvisioner.ensureAll(admin, partitions, (short) 1, 30_000);
        }
    }
}
