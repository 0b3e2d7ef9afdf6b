package com.alphastocks.feed;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.alphastocks.contracts.MarketTick;

/**
 * A broker's streaming market data as a {@link TickSource}: an adapter ({@link Connection}; Kite Connect's ticker:
 * {@code feed.kite.KiteTicker}) subscribes to instruments and hands each tick over from its own thread. The source
 * ends when it is closed ({@link #next} is then empty), or when the adapter gives up ({@link #next} then throws with
 * the adapter's reason: a refused login, reconnections exhausted).
 */
public final class BrokerStream implements TickSource {

    /** One broker's streaming API. */
    public interface Connection extends AutoCloseable {
        /** Subscribes to {@code instruments}; ticks arrive on {@code listener}, from the adapter's own thread. */
        void subscribe(List<String> instruments, Listener listener);

        @Override
        void close();
    }

    /** What an adapter hands over. */
    public interface Listener {
        void tick(MarketTick tick);

        /** The adapter has stopped for good, and why. */
        void ended(String why);
    }

    private record End(String why) {
    }

    private static final int WAITING = 100_000;

    private final Connection connection;
    private final BlockingQueue<Object> ticks = new LinkedBlockingQueue<>();
    private End end;

    public BrokerStream(Connection connection, List<String> instruments) {
        this.connection = connection;
        connection.subscribe(instruments, new Listener() {
            @Override
            public void tick(MarketTick tick) {
                if (ticks.size() >= WAITING) {
                    throw new IllegalStateException("ticks arrive faster than they are published: " + WAITING + " waiting");
                }
                ticks.add(tick);
            }

            @Override
            public void ended(String why) {
                ticks.add(new End(why));
            }
        });
    }

    @Override
    public Optional<MarketTick> next() {
        try {
            Object next = end != null ? end : ticks.take();
            if (next instanceof End stop) {
                end = stop;
                if (stop.why() == null) {
                    return Optional.empty();
                }
                throw new IllegalStateException("the broker's market data stopped: " + stop.why());
            }
            return Optional.of((MarketTick) next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Closes the adapter; ticks already handed over are still read, then {@link #next} is empty. */
    @Override
    public void close() {
        connection.close();
        ticks.add(new End(null));
    }
}
