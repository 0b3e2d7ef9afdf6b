package com.alphastocks.notify.delivery;

import java.time.Duration;

/** How often a delivery is tried and how long to wait between tries: doubling from {@code firstBackoff}, capped. */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("a delivery is tried at least once, not " + attempts + " times");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
