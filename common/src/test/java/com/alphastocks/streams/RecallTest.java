package com.alphastocks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decide or recall, on stores of its own: an input's record, whatever its size, brings the input back whole. */
class RecallTest {

    private MockProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> journal;
    private KeyValueStore<String, String> book;

    @BeforeEach
    void stores() {
        context = new MockProcessorContext<>();
        journal = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("recall"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        book = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("book"), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build();
        journal.init(context.getStateStoreContext(), journal);
        book.init(context.getStateStoreContext(), book);
    }

    /** One input (market.ticks/0 at {@code offset}) that puts {@code positions} entries of 2 KB and publishes one event each. */
    private List<KeyValue<String, SpecificRecord>> decide(Recall recall, long offset, int positions) {
        context.setRecordMetadata("market.ticks", 0, offset);
        Recall.Journaled<String> view = recall.journaled(book, Serdes.String());
        Recall.Input input = recall.begin(context);
        assertThat(input.step()).isEqualTo(Recall.Step.NEW);
        List<KeyValue<String, SpecificRecord>> events = new ArrayList<>();
        for (int i = 0; i < positions; i++) {
            view.put("position-" + i, offset + ":" + "x".repeat(2048));
            events.add(KeyValue.pair("position-" + i, Samples.positionOpened()));
        }
        return recall.commit(input, events);
    }

    private List<Integer> journalValueSizes() {
        List<Integer> sizes = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = journal.all()) {
            all.forEachRemaining(entry -> sizes.add(entry.value.length));
        }
        return sizes;
    }

    @Test
    void shouldRecordAnInputLargerThanABrokerTakesInOneRecordInPiecesAndRecallItWhole() {
        Recall recall = new Recall(journal);
        List<KeyValue<String, SpecificRecord>> published = decide(recall, 7, 800);

        assertThat(journalValueSizes()).as("no journal value near a broker's 1 MB").allMatch(size -> size <= Recall.PIECE_BYTES)
                .hasSizeGreaterThan(2);

        // The crash: the book lost the input's changes, and the input comes again.
        book.all().forEachRemaining(entry -> book.delete(entry.key));
        Recall again = new Recall(journal);
        again.journaled(book, Serdes.String());
        context.setRecordMetadata("market.ticks", 0, 7);
        Recall.Input input = again.begin(context);

        assertThat(input.step()).isEqualTo(Recall.Step.RECALLED);
        assertThat(input.recorded()).isEqualTo(published).hasSize(800);
        assertThat(book.approximateNumEntries()).isEqualTo(800);
        assertThat(book.get("position-799")).startsWith("7:");
    }

    @Test
    void shouldRemoveAnInputsPiecesOnceTheNextInputIsRecordedAndKeepThemUntilThen() {
        Recall recall = new Recall(journal);
        decide(recall, 7, 800);
        int pieces = journalValueSizes().size();

        // The next input starts writing its own pieces and dies before its record is whole: input 7 is still recalled.
        decide(new Recall(journal), 8, 600);
        assertThat(journalValueSizes()).as("input 8's record replaced input 7's pieces").hasSizeLessThan(pieces);
        decide(new Recall(journal), 9, 1);
        assertThat(journalValueSizes()).as("a small record is one value, and input 8's pieces are gone").hasSize(1);

        context.setRecordMetadata("market.ticks", 0, 8);
        assertThat(new Recall(journal).begin(context).step()).as("an input before the recorded one").isEqualTo(Recall.Step.APPLIED);
    }

    @Test
    void shouldRecallAnInputWhoseNextInputsPiecesWereWrittenButNotItsRecord() {
        Recall recall = new Recall(journal);
        List<KeyValue<String, SpecificRecord>> published = decide(recall, 7, 800);
        List<KeyValue<String, byte[]>> after7 = new ArrayList<>();
        journal.all().forEachRemaining(after7::add);

        decide(new Recall(journal), 8, 800);
        journal.putAll(after7); // input 8's pieces are there, its record is not (a crash between)

        Recall again = new Recall(journal);
        again.journaled(book, Serdes.String());
        context.setRecordMetadata("market.ticks", 0, 7);
        Recall.Input input = again.begin(context);

        assertThat(input.step()).isEqualTo(Recall.Step.RECALLED);
        assertThat(input.recorded()).isEqualTo(published);
        assertThat(book.get("position-0")).startsWith("7:");
    }
}
