package com.alphastocks.testkit;

import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.ClusterAdmin;

/** The catalogue's topics on the test JVM's shared broker, as the services make them at start. */
public final class TestTopics {

    private TestTopics() {
    }

    /** Every topic of the catalogue, with {@code partitions} each (made once; a second call finds them there). */
    public static void ensureAll(int partitions) {
        try (ClusterAdmin admin = ClusterAdmin.at(SharedKafka.bootstrapServers())) {
            admin.ensureCatalogue(partitions, (short) 1);
        }
    }
}
