package com.alphastocks.analytics.streams;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import com.alphastocks.analytics.score.PriceMinutes;
import com.alphastocks.contracts.MarketTick;

/**
 * The underlyings' price a minute (the last trade in each minute of the market's clock), for the dashboard's price
 * chart: keyed {@code NIFTY|2025-12-03T04:00:00Z}. Option ticks are not kept (the chart is the underlying's).
 */
final class PriceMinutesKeeper implements Processor<String, MarketTick, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, BigDecimal> store;

    PriceMinutesKeeper(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, MarketTick> record) {
        MarketTick tick = record.value();
        if (tick != null && tick.getOption() == null && tick.getExchangeTime() != null) {
            store.put(PriceMinutes.key(tick.getUnderlying(), tick.getExchangeTime().truncatedTo(ChronoUnit.MINUTES)), tick.getLastPrice());
        }
    }
}
