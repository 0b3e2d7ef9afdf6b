package com.alphastocks.notify.delivery;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.alphastocks.notify.Notification;
import com.alphastocks.notify.channel.Channel;
import com.alphastocks.streams.RateLimiter;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * One channel's queue of notifications and the thread that sends them: the most urgent first (CRITICAL before
 * LOW, then in arrival order), no faster than the channel's rate limit, each event at most once (by event id),
 * a failed send retried with backoff while the others go on, and given up after the last attempt. Behind a circuit:
 * after failures in a row the provider is not called for a while, each attempt then failing at once (so a provider
 * that is down or hangs costs no timeouts and the queue moves on to the DLQ, from where a replay sends it later).
 */
public final class Outbox implements AutoCloseable {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Outbox.class);

    /** How a notification ended on this channel. */
    public enum Outcome { SENT, DUPLICATE, FAILED }

    /** The end of one notification on this channel: how, after how many attempts, and the last error if it failed. */
    public record Delivery(Notification notification, String channel, Outcome outcome, int attempts, String error) {
    }

    private final Channel channel;
    private final RetryPolicy retry;
    private final RateLimiter limiter;
    private final CircuitBreaker circuit;
    private final PriorityBlockingQueue<Pending> queue = new PriorityBlockingQueue<>(64,
            Comparator.<Pending>comparingInt(p -> p.notification.priority().ordinal()).thenComparingLong(p -> p.sequence));
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final SentIds sent;
    private final ScheduledExecutorService retries;
    private final Thread sender;
    private volatile boolean open = true;

    /** @param sent the event ids this channel sent (before a restart too, when they come from a {@link SentLog}) */
    public Outbox(Channel channel, RetryPolicy retry, RateLimiter limiter, CircuitBreaker circuit, SentIds sent) {
        this.channel = channel;
        this.retry = retry;
        this.limiter = limiter;
        this.circuit = circuit;
        this.sent = sent;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, channel.name() + "-retries"));
        this.sender = daemon(this::sendLoop, channel.name() + "-sender");
        sender.start();
    }

    public String channel() {
        return channel.name();
    }

    /** Queues a notification; the stage completes when it has been sent, found a duplicate, or given up. */
    public CompletionStage<Delivery> submit(Notification n) {
        CompletableFuture<Delivery> done = new CompletableFuture<>();
        if (sent.contains(n.eventId()) || !inFlight.add(n.eventId())) {
            done.complete(new Delivery(n, channel.name(), Outcome.DUPLICATE, 0, null));
            return done;
        }
        queue.add(new Pending(n, sequence.incrementAndGet(), 0, done));
        return done;
    }

    /** Notifications waiting here (not those waiting out a backoff). */
    public int backlog() {
        return queue.size();
    }

    private void sendLoop() {
        while (open) {
            Pending next;
            try {
                next = queue.take();
                long wait = limiter.reserve();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            attempt(next);
        }
    }

    private void attempt(Pending p) {
        int attempts = p.attempts + 1;
        try {
            send(p.notification);
        } catch (Channel.DeliveryFailed | RuntimeException e) {
            if (attempts >= retry.attempts() || !open) {
                finish(p, new Delivery(p.notification, channel.name(), Outcome.FAILED, attempts, e.getMessage()));
            } else {
                // Back in the queue after the backoff, with its place by priority and arrival; the rest go on meanwhile.
                retries.schedule(() -> queue.add(new Pending(p.notification, p.sequence, attempts, p.done)),
                        retry.backoffAfter(attempts).toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        try {
            sent.add(p.notification.eventId());
        } catch (RuntimeException e) {
            // It went out: never a second time for that. Only a restart before the log has it could send it again.
            LOG.warnf("%s sent %s but could not record it: %s", channel.name(), p.notification.eventId(), e.getMessage());
        }
        finish(p, new Delivery(p.notification, channel.name(), Outcome.SENT, attempts, null));
    }

    /** One call to the provider through the circuit; while it is open, a failure without a call. */
    private void send(Notification n) throws Channel.DeliveryFailed {
        if (!circuit.tryAcquirePermission()) {
            throw new Channel.DeliveryFailed(CallNotPermittedException.createCallNotPermittedException(circuit).getMessage()
                    + ": not sent", null);
        }
        long started = System.nanoTime();
        try {
            channel.send(n);
            circuit.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (Channel.DeliveryFailed | RuntimeException e) {
            circuit.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    private void finish(Pending p, Delivery delivery) {
        inFlight.remove(p.notification.eventId());
        p.done.complete(delivery);
    }

    @Override
    public void close() {
        open = false;
        sender.interrupt();
        retries.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "notify-" + name);
        t.setDaemon(true);
        return t;
    }

    private record Pending(Notification notification, long sequence, int attempts, CompletableFuture<Delivery> done) {
    }
}
