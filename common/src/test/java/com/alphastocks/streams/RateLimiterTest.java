package com.alphastocks.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND);

    @Test
    void shouldLetABurstThroughThenSpaceMessagesAtTheRate() {
        RateLimiter limiter = new RateLimiter(1, 3, now::get);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(SECOND);
        assertThat(limiter.reserve()).isEqualTo(2 * SECOND);
    }

    @Test
    void shouldRefillWithTimeButNoFurtherThanTheBurst() {
        RateLimiter limiter = new RateLimiter(2, 2, now::get);
        limiter.reserve();
        limiter.reserve();
        assertThat(limiter.reserve()).isEqualTo(SECOND / 2);

        now.addAndGet(60 * SECOND);
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).as("an idle minute saves up two, not 120").isEqualTo(SECOND / 2);
    }

    @Test
    void shouldRefuseANonsenseLimit() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, now::get)).hasMessageContaining("positive rate");
    }
}
