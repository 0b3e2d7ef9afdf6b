package com.alphastocks.analytics.streams;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import com.alphastocks.analytics.score.OpenPosition;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.PositionUpdated;

/**
 * The open positions by position id, for the dashboard: put when opened, re-marked on each update, removed when
 * closed. A position's events share its signal id as key, so they come to one task in order.
 */
final class OpenPositionsKeeper implements Processor<String, SpecificRecord, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, OpenPosition> store;

    OpenPositionsKeeper(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof PositionOpened opened) {
            store.put(opened.getPositionId(), OpenPosition.of(opened));
        } else if (record.value() instanceof PositionUpdated updated) {
            OpenPosition open = store.get(updated.getPositionId());
            if (open != null) {
                store.put(open.positionId(), open.marked(updated));
            }
        } else if (record.value() instanceof PositionClosed closed) {
            store.delete(closed.getPositionId());
        }
    }
}
