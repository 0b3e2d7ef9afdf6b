package com.alphastocks.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.Priority;
import com.alphastocks.notify.Notification;
import com.alphastocks.notify.channel.Channel;
import com.alphastocks.streams.CircuitBreakers;
import com.alphastocks.streams.RateLimiter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

class OutboxTest {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private Outbox outbox;

    @AfterEach
    void close() {
        outbox.close();
    }

    static Notification note(String id, Priority priority) {
        return new Notification(id, "POSITION_CLOSED", priority, "RSI", "NIFTY", "subject " + id, "text " + id);
    }

    private Outbox outbox(Channel channel, RetryPolicy retry) {
        return outbox(channel, retry, CircuitBreakers.afterFailuresInARow("test", 100, Duration.ofMinutes(1), Exception.class));
    }

    private Outbox outbox(Channel channel, RetryPolicy retry, CircuitBreaker circuit) {
        outbox = new Outbox(channel, retry, new RateLimiter(1_000_000, 1000, System::nanoTime), circuit, SentIds.inMemory(100));
        return outbox;
    }

    private Outbox.Delivery await(java.util.concurrent.CompletionStage<Outbox.Delivery> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldSendTheMostUrgentFirstWhenBacklogged() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Outbox box = outbox(channel(n -> {
            firstStarted.countDown();
            release.await(10, TimeUnit.SECONDS);
            sent.add(n.eventId());
        }), QUICK);

        var busy = box.submit(note("low-1", Priority.LOW));
        firstStarted.await(10, TimeUnit.SECONDS);
        var low2 = box.submit(note("low-2", Priority.LOW));
        var normal = box.submit(note("normal", Priority.NORMAL));
        var critical = box.submit(note("critical", Priority.CRITICAL));
        release.countDown();
        CompletableFuture.allOf(busy.toCompletableFuture(), low2.toCompletableFuture(), normal.toCompletableFuture(),
                critical.toCompletableFuture()).get(10, TimeUnit.SECONDS);

        assertThat(sent).containsExactly("low-1", "critical", "normal", "low-2");
    }

    @Test
    void shouldRetryWithBackoffUntilTheProviderTakesIt() throws Exception {
        int[] calls = {0};
        Outbox box = outbox(channel(n -> {
            if (++calls[0] < 3) {
                throw new Channel.DeliveryFailed("provider answered 502", null);
            }
            sent.add(n.eventId());
        }), QUICK);

        Outbox.Delivery delivery = await(box.submit(note("e1", Priority.HIGH)));

        assertThat(delivery.outcome()).isEqualTo(Outbox.Outcome.SENT);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(sent).containsExactly("e1");
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithTheReasonWhileOthersGoOut() throws Exception {
        Outbox box = outbox(channel(n -> {
            if (n.eventId().equals("bad")) {
                throw new Channel.DeliveryFailed("provider answered 400: chat not found", null);
            }
            sent.add(n.eventId());
        }), new RetryPolicy(3, Duration.ofMillis(200), Duration.ofMillis(200)));

        var bad = box.submit(note("bad", Priority.CRITICAL));
        Outbox.Delivery good = await(box.submit(note("good", Priority.LOW)));
        assertThat(good.outcome()).isEqualTo(Outbox.Outcome.SENT);
        assertThat(bad.toCompletableFuture()).as("still retrying while the other went out").isNotDone();

        Outbox.Delivery failed = await(bad);
        assertThat(failed.outcome()).isEqualTo(Outbox.Outcome.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo("provider answered 400: chat not found");
        assertThat(sent).containsExactly("good");
    }

    @Test
    void shouldSendAnEventOnceWhenItComesAgain() throws Exception {
        Outbox box = outbox(channel(n -> sent.add(n.eventId())), QUICK);

        assertThat(await(box.submit(note("e1", Priority.NORMAL))).outcome()).isEqualTo(Outbox.Outcome.SENT);
        assertThat(await(box.submit(note("e1", Priority.NORMAL))).outcome()).isEqualTo(Outbox.Outcome.DUPLICATE);
        assertThat(sent).containsExactly("e1");
    }

    @Test
    void shouldStopCallingAProviderThatIsDownOnceItsCircuitOpensAndCallItAgainAfterAWhile() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        Outbox box = outbox(channel(n -> {
            calls.incrementAndGet();
            if (down.get()) {
                throw new Channel.DeliveryFailed("provider unreachable: connection refused", null);
            }
            sent.add(n.eventId());
        }), QUICK, CircuitBreakers.afterFailuresInARow("test", 2, Duration.ofMillis(300), Exception.class));

        Outbox.Delivery first = await(box.submit(note("e1", Priority.HIGH)));
        Outbox.Delivery second = await(box.submit(note("e2", Priority.HIGH)));

        assertThat(calls).as("two failures open the circuit: no third call").hasValue(2);
        assertThat(first.outcome()).isEqualTo(Outbox.Outcome.FAILED);
        assertThat(first.attempts()).isEqualTo(3);
        assertThat(first.error()).isEqualTo("CircuitBreaker 'test' is OPEN and does not permit further calls: not sent");
        assertThat(second.outcome()).as("given up at once, for the DLQ").isEqualTo(Outbox.Outcome.FAILED);
        assertThat(second.error()).contains("is OPEN");

        down.set(false);
        Thread.sleep(400);
        assertThat(await(box.submit(note("e3", Priority.HIGH))).outcome()).isEqualTo(Outbox.Outcome.SENT);
        assertThat(sent).containsExactly("e3");
    }

    interface Send {
        void send(Notification n) throws Exception;
    }

    private static Channel channel(Send send) {
        return new Channel() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public void send(Notification n) throws DeliveryFailed {
                try {
                    send.send(n);
                } catch (DeliveryFailed e) {
                    throw e;
                } catch (Exception e) {
                    throw new DeliveryFailed(e.getMessage(), e);
                }
            }
        };
    }
}
