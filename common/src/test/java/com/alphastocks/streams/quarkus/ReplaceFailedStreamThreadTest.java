package com.alphastocks.streams.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ReplaceFailedStreamThreadTest {

    private static final Instant T0 = Instant.parse("2026-12-02T04:00:00Z");
    private static final StreamsException LOST_BROKER = new StreamsException(new InvalidTxnStateException("a broker went away"));

    @Test
    void shouldReplaceAThreadThatDiedOfALostBroker() {
        ReplaceFailedStreamThread handler = new ReplaceFailedStreamThread(Clock.fixed(T0, ZoneOffset.UTC));

        assertThat(handler.handle(LOST_BROKER)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void shouldShutTheClientDownWhenThreadsKeepDyingAndReplaceAgainOnceTheyStopped() {
        MutableClock clock = new MutableClock();
        ReplaceFailedStreamThread handler = new ReplaceFailedStreamThread(clock);
        for (int i = 0; i < ReplaceFailedStreamThread.MAX_REPLACEMENTS; i++) {
            assertThat(handler.handle(LOST_BROKER)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.now = clock.now.plusSeconds(1);
        }

        assertThat(handler.handle(LOST_BROKER)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);

        clock.now = clock.now.plus(ReplaceFailedStreamThread.WINDOW).plus(Duration.ofSeconds(1));
        assertThat(handler.handle(LOST_BROKER)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    private static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
