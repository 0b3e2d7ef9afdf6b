package com.alphastocks.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import com.alphastocks.contracts.EventMetadata;

/**
 * A consumer applies an event id once: an event published again after a crash (the same id: at least once, a producer
 * that recalls its decision sends its events again) is dropped here. An event and its copy carry the same key on the
 * same topic, so they meet in the same task; the ids seen are kept in a store (so a restart still knows them) for
 * {@code retention}, and forgotten after it.
 */
public final class OnceByEventId implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private final String storeName;
    private final Duration retention;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Long> seen;

    public OnceByEventId(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    public static StoreBuilder<KeyValueStore<String, Long>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
        Duration every = retention.dividedBy(24).compareTo(Duration.ofMinutes(10)) < 0 ? retention.dividedBy(24) : Duration.ofMinutes(10);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::forget);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        EventMetadata metadata = record.value() == null ? null : Envelope.metadataOf(record.value());
        if (metadata == null) {
            context.forward(record);
            return;
        }
        if (seen.putIfAbsent(metadata.getEventId(), context.currentSystemTimeMs()) == null) {
            context.forward(record);
        }
    }

    private void forget(long now) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = seen.all()) {
            all.forEachRemaining((KeyValue<String, Long> entry) -> {
                if (now - entry.value > retention.toMillis()) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(seen::delete);
    }
}
