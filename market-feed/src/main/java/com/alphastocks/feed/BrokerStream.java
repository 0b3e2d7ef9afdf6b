package com.alphastocks.feed;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.alphastocks.contracts.MarketTick;

/**
 * A broker's streaming market data (a Kite-style WebSocket ticker) as a {@link TickSource}: an adapter subscribes
 * to instruments and hands each tick over. Not the default, and no broker is wired here: an adapter implements
 * {@link Connection} for its broker.
 */
public final class BrokerStream implements TickSource {

    /** One broker's streaming API. */
    public interface Connection extends AutoCloseable {
        /** Subscribes to {@code instruments}; ticks arrive on {@code sink}, from the adapter's own thread. */
        void subscribe(List<String> instruments, Consumer<MarketTick> sink);

        @Override
        void close();
    }

    private final Connection connection;
    private final java.util.concurrent.BlockingQueue<MarketTick> ticks = new java.util.concurrent.LinkedBlockingQueue<>(100_000);

    public BrokerStream(Connection connection, List<String> instruments) {
        this.connection = connection;
        connection.subscribe(instruments, tick -> {
            if (!ticks.offer(tick)) {
                throw new IllegalStateException("ticks arrive faster than they are published: 100,000 waiting");
            }
        });
    }

    @Override
    public Optional<MarketTick> next() {
        try {
            return Optional.of(ticks.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
