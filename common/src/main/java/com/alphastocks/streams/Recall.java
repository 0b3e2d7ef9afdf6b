package com.alphastocks.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;

/**
 * Decide or recall: a processor's memory of the last input it applied from each input partition, with the events it
 * published for it, so that after a crash (at least once: inputs since the last committed offset come again) an input
 * is never decided twice. An input older than the one recorded for its partition was applied and its events went out
 * before that record was written ({@link Step#APPLIED}: skip it); the recorded input itself may have been cut off
 * between its record and its events ({@link Step#RECALLED}: publish the recorded events again, same ids); a newer one
 * is {@link Step#NEW}: decide it, {@link #record} the outcome, then publish.
 *
 * <p>This holds because the record is written before the events, by the same producer, and the store is not cached: a
 * crash loses a tail of what was sent, never the record while keeping the events after it. The processor's other stores
 * must be uncached too, so that their changes go out before the record; consumers apply an event id once, so an event
 * published again is harmless.
 */
public final class Recall {

    /** Where an input stands against what its partition's record says. */
    public enum Step { NEW, RECALLED, APPLIED }

    /** The current input's place, and the events recorded for it when it is the recorded one. */
    public record Input(String partition, long offset, Step step, List<KeyValue<String, SpecificRecord>> recorded) {
    }

    private static final Serde<Object> EVENTS = EventSerde.any(WireSettings.EMBEDDED);

    private final KeyValueStore<String, byte[]> store;

    public Recall(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The store a processor keeps its recall in: logged, not cached (see the class comment). */
    public static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray()).withCachingDisabled();
    }

    /** The current input (of {@code context}), against the record of its partition; NEW where there is no record metadata (a punctuation). */
    public Input of(ProcessorContext<?, ?> context) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        if (source == null) {
            return new Input(null, -1, Step.NEW, List.of());
        }
        String partition = source.topic() + "/" + source.partition();
        byte[] recorded = store.get(partition);
        if (recorded == null) {
            return new Input(partition, source.offset(), Step.NEW, List.of());
        }
        ByteBuffer bytes = ByteBuffer.wrap(recorded);
        long offset = bytes.getLong();
        if (source.offset() < offset) {
            return new Input(partition, source.offset(), Step.APPLIED, List.of());
        }
        if (source.offset() > offset) {
            return new Input(partition, source.offset(), Step.NEW, List.of());
        }
        List<KeyValue<String, SpecificRecord>> events = new ArrayList<>();
        int count = bytes.getInt();
        for (int i = 0; i < count; i++) {
            String key = new String(next(bytes), StandardCharsets.UTF_8);
            events.add(KeyValue.pair(key, (SpecificRecord) EVENTS.deserializer().deserialize(partition, next(bytes))));
        }
        return new Input(partition, source.offset(), Step.RECALLED, events);
    }

    /** Records that {@code input} was applied and what it publishes (key and event); call it before publishing. */
    public void record(Input input, List<KeyValue<String, SpecificRecord>> events) {
        if (input.partition() == null) {
            return;
        }
        List<byte[]> parts = new ArrayList<>();
        for (KeyValue<String, SpecificRecord> event : events) {
            parts.add(event.key.getBytes(StandardCharsets.UTF_8));
            parts.add(EVENTS.serializer().serialize(input.partition(), event.value));
        }
        ByteBuffer value = ByteBuffer.allocate(Long.BYTES + Integer.BYTES + parts.stream().mapToInt(b -> Integer.BYTES + b.length).sum())
                .putLong(input.offset()).putInt(events.size());
        parts.forEach(bytes -> value.putInt(bytes.length).put(bytes));
        store.put(input.partition(), value.array());
    }

    private static byte[] next(ByteBuffer bytes) {
        byte[] part = new byte[bytes.getInt()];
        bytes.get(part);
        return part;
    }
}
