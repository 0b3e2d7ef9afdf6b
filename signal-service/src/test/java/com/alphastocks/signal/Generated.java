package com.alphastocks.signal;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;

/** The signal.generated events one deployment (by its producer name) published for a client signal id. */
public final class Generated {

    private Generated() {
    }

    public static SignalGenerated await(String clientSignalId, String producer) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return (SignalGenerated) EventClients.awaitRecord(reader, Topic.SIGNAL_GENERATED.topicName(),
                            r -> matches((SignalGenerated) r.value(), clientSignalId, producer), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no signal.generated for " + clientSignalId + " from " + producer))
                    .value();
        }
    }

    public static List<SignalGenerated> all(String clientSignalId, String producer) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return EventClients.readAll(reader, Topic.SIGNAL_GENERATED.topicName()).stream()
                    .map(r -> (SignalGenerated) r.value())
                    .filter(g -> matches(g, clientSignalId, producer))
                    .toList();
        }
    }

    private static boolean matches(SignalGenerated g, String clientSignalId, String producer) {
        return clientSignalId.equals(g.getClientSignalId()) && producer.equals(g.getMetadata().getProducer());
    }
}
