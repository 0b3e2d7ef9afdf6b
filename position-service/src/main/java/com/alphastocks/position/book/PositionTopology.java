package com.alphastocks.position.book;

import java.util.function.BiFunction;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.orders.OrderGateway;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.PaperGateway;
import com.alphastocks.position.trading.ExitEngine;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.wire.PositionEvents;
import com.alphastocks.streams.Recall;
import com.alphastocks.streams.Topic;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * position.opened re-keyed by instrument, market.ticks (keyed by instrument) and manual closes meet in the
 * {@link PositionBookProcessor}; its events go to the topic of their type.
 */
public final class PositionTopology {

    /** The open positions, one entry per position id (not per instrument: a busy strike may hold thousands). */
    public static final String BOOK_STORE = "open-positions";
    public static final String CLOSED_STORE = "closed-positions";
    public static final String PAPER_LEDGER_STORE = "paper-ledger";
    public static final String RECALL_STORE = "recall";

    private PositionTopology() {
    }

    /** @param partitions as many as market.ticks has, so that a position meets its instrument's ticks */
    public static Topology build(ExitEngine engine, PositionEvents events,
                                 BiFunction<PaperGateway.Ledger, PaperGateway.Quotes, OrderGateway> gateways,
                                 PositionBookProcessor.Settings settings, MeterRegistry metrics, int partitions, Serde<SpecificRecord> eventSerde,
                                 Serde<OpenPosition> positionSerde, Serde<ClosedPosition> closedSerde, Serde<OrderResult> orderSerde,
                                 Serde<CloseRequest> requestSerde) {
        StreamsBuilder builder = new StreamsBuilder();
        // Not cached: an input's changes go to their changelogs after its journal record and before its events (Recall).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BOOK_STORE), Serdes.String(), positionSerde)
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOSED_STORE), Serdes.String(), closedSerde)
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAPER_LEDGER_STORE), Serdes.String(), orderSerde)
                .withCachingDisabled());
        builder.addStateStore(Recall.store(RECALL_STORE));

        KStream<String, SpecificRecord> opened = builder.stream(Topic.POSITION_OPENED.topicName(), Consumed.with(Serdes.String(), eventSerde)
                        .withName("positions-opened"))
                .selectKey((key, position) -> ((PositionOpened) position).getInstrument(), Named.as("key-by-instrument"))
                .repartition(Repartitioned.<String, SpecificRecord>as("positions-by-instrument").withKeySerde(Serdes.String())
                        .withValueSerde(eventSerde).withNumberOfPartitions(partitions));
        KStream<String, SpecificRecord> ticks = builder.stream(Topic.MARKET_TICKS.topicName(), Consumed.with(Serdes.String(), eventSerde)
                .withName("market-ticks"));
        KStream<String, CloseRequest> closes = builder.stream(Topic.POSITION_CONTROL.topicName(), Consumed.with(Serdes.String(), requestSerde)
                        .withName("close-requests"));

        bookInput(opened.merge(ticks, Named.as("positions-and-ticks"))).merge(bookInput(closes), Named.as("and-closes"))
                .process(() -> new PositionBookProcessor(engine, events, gateways, settings, metrics, partitions,
                                new PositionBookProcessor.Serdes(positionSerde, closedSerde, orderSerde)), Named.as("position-book"),
                        BOOK_STORE, CLOSED_STORE, PAPER_LEDGER_STORE, RECALL_STORE)
                .to(Topic.byEventType(),
                        Produced.with(Serdes.String(), eventSerde).withName("position-events"));
        return builder.build();
    }

    /**
     * A stream as the book's input, which takes events and a desk's close requests (JSON, no contract) alike: the
     * values are read as they are, never written back, so seeing them as {@code Object} is safe.
     */
    @SuppressWarnings("unchecked")
    private static KStream<String, Object> bookInput(KStream<String, ?> stream) {
        return (KStream<String, Object>) stream;
    }
}
