package com.alphastocks.streams.quarkus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * What a service's Kafka Streams does when a stream thread dies: it starts a new one, which picks its tasks up from the
 * last committed transaction (exactly once: nothing the dead thread had not committed is seen downstream). A broker
 * lost mid-transaction ends one with {@code InvalidTxnStateException} or a fenced producer; Quarkus's default (shut the
 * client down) would leave the service up but trading nothing. A thread that keeps dying ({@value #MAX_REPLACEMENTS}
 * times within {@link #WINDOW}) is a fault no new thread mends: then the client shuts down, and the service's health
 * checks say so. Quarkus sets this bean on every service's KafkaStreams before it starts.
 */
@ApplicationScoped
public class ReplaceFailedStreamThread implements StreamsUncaughtExceptionHandler {

    static final int MAX_REPLACEMENTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(ReplaceFailedStreamThread.class);

    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    public ReplaceFailedStreamThread() {
        this(Clock.systemUTC());
    }

    ReplaceFailedStreamThread(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= MAX_REPLACEMENTS) {
            LOG.errorf(exception, "a stream thread died again (%d replaced within %s): shutting Kafka Streams down", recent.size(), WINDOW);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        LOG.warnf("a stream thread died (%s: %s): replacing it; its tasks go on from their last commit", exception.getClass().getSimpleName(),
                exception.getCause() == null ? exception.getMessage() : exception.getCause().getMessage());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
