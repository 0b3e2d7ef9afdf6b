package com.alphastocks.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;

/**
 * Decide or recall, for a processor whose decisions have effects (orders) or cannot be made again the same way (they
 * read the market): at least once, the inputs since the last committed offset come again after a crash, and none of
 * them may be decided twice.
 *
 * <p>An input is decided against the processor's stores through {@link Journaled} views, which keep its changes aside;
 * {@link #commit} then writes one journal record for the input's partition (its offset, every change and every event it
 * publishes), applies the changes, and returns the events to publish. The record goes out before the changes and the
 * events, by the same producer, uncached: a crash loses a tail of what was sent. So when an input comes again, either
 * its record is there ({@link Step#RECALLED}: its changes are applied again, they may have been cut off, and its events
 * are published again, same ids), or nothing of it is (it is {@link Step#NEW}: decided afresh). An input older than the
 * one recorded for its partition was applied, events and all ({@link Step#APPLIED}: skipped). Consumers apply an event
 * id once, so an event published again is harmless. A record of any size is kept: a large one in pieces, each a journal
 * value of its own (see {@link #record}).
 */
public final class Recall {

    /** Where an input stands against its partition's journal record. */
    public enum Step { NEW, RECALLED, APPLIED }

    /** The current input's place; when RECALLED, the events it published, to publish again. */
    public record Input(String partition, long offset, Step step, List<KeyValue<String, SpecificRecord>> recorded) {
    }

    private static final Serde<SpecificRecord> EVENTS = EventSerde.events(WireSettings.EMBEDDED);

    /**
     * The largest journal value: an input's record above it goes in pieces. Well under what a broker takes in one
     * record by default (1 MB), which one tick closing hundreds of positions at once would pass.
     */
    static final int PIECE_BYTES = 256 * 1024;

    private final KeyValueStore<String, byte[]> journal;
    private final Map<String, Journaled<?>> stores = new LinkedHashMap<>();
    private final List<Change> pending = new ArrayList<>();
    /** The current input's partition's record as {@link #begin} read it: the one its own record replaces. */
    private byte[] before;

    /**
     * One change an input makes to a store: a value to put (encoded, as the journal keeps it, and, for the current
     * input, as it was put: applied without decoding it again), or null to delete.
     */
    private record Change(String store, String key, byte[] value, Object put) {
    }

    public Recall(KeyValueStore<String, byte[]> journal) {
        this.journal = journal;
    }

    /** The store a processor keeps its journal in: logged, not cached (see the class comment). */
    public static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray()).withCachingDisabled();
    }

    /** A view of one of the processor's stores whose changes go through the journal; {@code serde} encodes its values. */
    public <V> Journaled<V> journaled(KeyValueStore<String, V> store, Serde<V> serde) {
        Journaled<V> view = new Journaled<>(store.name(), store, serde);
        stores.put(store.name(), view);
        return view;
    }

    /**
     * Where the current input of {@code context} stands. When it is RECALLED, its recorded changes are applied again
     * here, and the events to publish again are in the answer. NEW where there is no record metadata (a punctuation).
     */
    public Input begin(ProcessorContext<?, ?> context) {
        pending.clear();
        before = null;
        RecordMetadata source = context.recordMetadata().orElse(null);
        if (source == null) {
            return new Input(null, -1, Step.NEW, List.of());
        }
        String partition = source.topic() + "/" + source.partition();
        byte[] recorded = journal.get(partition);
        before = recorded;
        if (recorded == null) {
            return new Input(partition, source.offset(), Step.NEW, List.of());
        }
        ByteBuffer bytes = ByteBuffer.wrap(recorded);
        long offset = bytes.getLong();
        if (source.offset() != offset) {
            return new Input(partition, source.offset(), source.offset() < offset ? Step.APPLIED : Step.NEW, List.of());
        }
        bytes = body(partition, offset, bytes);
        int changes = bytes.getInt();
        for (int i = 0; i < changes; i++) {
            Change change = new Change(text(next(bytes)), text(next(bytes)), next(bytes), null);
            stores.get(change.store()).apply(change);
        }
        List<KeyValue<String, SpecificRecord>> events = new ArrayList<>();
        int count = bytes.getInt();
        for (int i = 0; i < count; i++) {
            String key = text(next(bytes));
            events.add(KeyValue.pair(key, EVENTS.deserializer().deserialize(partition, next(bytes))));
        }
        return new Input(partition, source.offset(), Step.RECALLED, events);
    }

    /**
     * Ends a NEW input: records its changes and {@code events} (key and event), applies the changes, and returns the
     * events, to be published now. An input that changed nothing and publishes nothing leaves no record.
     */
    public List<KeyValue<String, SpecificRecord>> commit(Input input, List<KeyValue<String, SpecificRecord>> events) {
        if (input.partition() != null && (!pending.isEmpty() || !events.isEmpty())) {
            List<byte[]> parts = new ArrayList<>();
            for (Change change : pending) {
                parts.add(utf8(change.store()));
                parts.add(utf8(change.key()));
                parts.add(change.value());
            }
            for (KeyValue<String, SpecificRecord> event : events) {
                parts.add(utf8(event.key));
                parts.add(EVENTS.serializer().serialize(input.partition(), event.value));
            }
            int size = 2 * Integer.BYTES + parts.stream().mapToInt(b -> Integer.BYTES + (b == null ? 0 : b.length)).sum();
            ByteBuffer body = ByteBuffer.allocate(size).putInt(pending.size());
            for (int i = 0; i < pending.size() * 3; i++) {
                put(body, parts.get(i));
            }
            body.putInt(events.size());
            for (int i = pending.size() * 3; i < parts.size(); i++) {
                put(body, parts.get(i));
            }
            record(input, body.array());
        }
        pending.forEach(change -> stores.get(change.store()).apply(change));
        pending.clear();
        return events;
    }

    /**
     * Writes an input's record: its offset and body under its partition's key; a body larger than {@link #PIECE_BYTES}
     * goes in pieces under keys of their own (written first, named by the input's offset so that a later input never
     * writes over them), and the partition's key then says how many (a negative count where a body would start with its
     * number of changes). The pieces of the input recorded before go once this record is written.
     */
    private void record(Input input, byte[] body) {
        if (body.length <= PIECE_BYTES) {
            journal.put(input.partition(), ByteBuffer.allocate(Long.BYTES + body.length).putLong(input.offset()).put(body).array());
        } else {
            int pieces = (body.length + PIECE_BYTES - 1) / PIECE_BYTES;
            for (int i = 0; i < pieces; i++) {
                int from = i * PIECE_BYTES;
                journal.put(piece(input.partition(), input.offset(), i),
                        java.util.Arrays.copyOfRange(body, from, Math.min(body.length, from + PIECE_BYTES)));
            }
            journal.put(input.partition(), ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(input.offset()).putInt(-pieces).array());
        }
        if (before != null) {
            ByteBuffer previous = ByteBuffer.wrap(before);
            long offset = previous.getLong();
            int count = previous.getInt();
            for (int i = 0; count < 0 && i < -count && offset != input.offset(); i++) {
                journal.delete(piece(input.partition(), offset, i));
            }
        }
    }

    /** The body of a record: where it is, or put together from its pieces. */
    private ByteBuffer body(String partition, long offset, ByteBuffer record) {
        int count = record.getInt(record.position());
        if (count >= 0) {
            return record;
        }
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < -count; i++) {
            byte[] piece = journal.get(piece(partition, offset, i));
            if (piece == null) {
                throw new IllegalStateException("journal " + partition + ": piece " + (i + 1) + " of " + -count + " of the record of offset "
                        + offset + " is missing");
            }
            whole.writeBytes(piece);
        }
        return ByteBuffer.wrap(whole.toByteArray());
    }

    private static String piece(String partition, long offset, int index) {
        return partition + "@" + offset + "#" + index;
    }

    private static void put(ByteBuffer buffer, byte[] part) {
        if (part == null) {
            buffer.putInt(-1);
        } else {
            buffer.putInt(part.length).put(part);
        }
    }

    private static byte[] next(ByteBuffer bytes) {
        int length = bytes.getInt();
        if (length < 0) {
            return null;
        }
        byte[] part = new byte[length];
        bytes.get(part);
        return part;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A store as the current input sees it: its own changes first, kept aside until {@link #commit}. */
    public final class Journaled<V> {

        private final String name;
        private final KeyValueStore<String, V> store;
        private final Serde<V> serde;

        private Journaled(String name, KeyValueStore<String, V> store, Serde<V> serde) {
            this.name = name;
            this.store = store;
            this.serde = serde;
        }

        public V get(String key) {
            for (int i = pending.size() - 1; i >= 0; i--) {
                Change change = pending.get(i);
                if (change.store().equals(name) && change.key().equals(key)) {
                    return valueOf(change);
                }
            }
            return store.get(key);
        }

        public void put(String key, V value) {
            pending.add(new Change(name, key, value == null ? null : serde.serializer().serialize(name, value), value));
        }

        public void delete(String key) {
            pending.add(new Change(name, key, null, null));
        }

        /** Everything the store holds (not the current input's changes): for a processor's start. */
        public KeyValueIterator<String, V> all() {
            return store.all();
        }

        private void apply(Change change) {
            if (change.value() == null) {
                store.delete(change.key());
            } else {
                store.put(change.key(), valueOf(change));
            }
        }

        /** The value a put change holds: as it was put by the current input, else decoded from the journal. */
        @SuppressWarnings("unchecked")
        private V valueOf(Change change) {
            if (change.value() == null) {
                return null;
            }
            return change.put() != null ? (V) change.put() : serde.deserializer().deserialize(name, change.value());
        }
    }
}
