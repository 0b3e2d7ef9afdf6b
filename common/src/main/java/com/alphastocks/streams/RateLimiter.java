package com.alphastocks.streams;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} calls a second on average, up to {@code burst} at once (Telegram allows about one
 * message a second to a chat and bursts of a few; a broker so many orders a second). {@link #reserve()} says how long
 * to wait before the call, {@link #acquire()} waits that long: callers queue, nobody is refused.
 */
public final class RateLimiter {

    private final double nanosPerPermit;
    private final long burstNanos;
    private final LongSupplier nanoClock;
    private long nextFree;

    public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1, not " + perSecond + "/s, " + burst);
        }
        this.nanosPerPermit = 1e9 / perSecond;
        this.burstNanos = (long) (nanosPerPermit * (burst - 1));
        this.nanoClock = nanoClock;
        this.nextFree = nanoClock.getAsLong() - burstNanos;
    }

    /** Takes a permit; returns the nanoseconds to wait before using it (0 when one is free now). */
    public synchronized long reserve() {
        long now = nanoClock.getAsLong();
        // Unused time accumulates only up to the burst.
        long from = Math.max(nextFree, now - burstNanos);
        nextFree = from + (long) nanosPerPermit;
        return Math.max(0, from - now);
    }

    /** Takes a permit and waits until it may be used. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
