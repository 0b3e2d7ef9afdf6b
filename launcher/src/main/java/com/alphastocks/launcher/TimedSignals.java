package com.alphastocks.launcher;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.feed.TickSource;

/**
 * Ticks with a user's signals between them: before the first tick at or after a signal's time goes out, the signal
 * is sent ({@code send}), so the pipeline sees it when the market it was made on is there, and taken in before the
 * market moves on. Signals after the last tick go out when the ticks run out.
 */
final class TimedSignals implements TickSource {

    private final TickSource ticks;
    private final Deque<SignalsCsv.TimedSignal> due;
    private final Consumer<SignalsCsv.TimedSignal> send;
    private final Consumer<Instant> settle;
    private Instant last;

    /**
     * @param settle runs before signals go out and again after them, with the time of the last tick sent (null before
     *               the first): the feed flushes and waits until the pipeline has that market and has taken them in
     */
    TimedSignals(TickSource ticks, List<SignalsCsv.TimedSignal> signals, Consumer<Instant> settle, Consumer<SignalsCsv.TimedSignal> send) {
        this.ticks = ticks;
        this.due = new ArrayDeque<>(signals);
        this.settle = settle;
        this.send = send;
    }

    @Override
    public Optional<MarketTick> next() {
        Optional<MarketTick> tick = ticks.next();
        Instant until = tick.map(MarketTick::getExchangeTime).orElse(Instant.MAX);
        if (!due.isEmpty() && !due.peek().at().isAfter(until)) {
            settle.accept(last);
            while (!due.isEmpty() && !due.peek().at().isAfter(until)) {
                send.accept(due.poll());
            }
            settle.accept(last);
        }
        tick.ifPresent(t -> last = t.getExchangeTime());
        return tick;
    }

    int pending() {
        return due.size();
    }

    @Override
    public void close() {
        ticks.close();
    }
}
