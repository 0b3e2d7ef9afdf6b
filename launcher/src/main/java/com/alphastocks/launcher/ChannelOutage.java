package com.alphastocks.launcher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.sdk.Signal;
import com.alphastocks.sdk.StrategyClient;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetterShelf;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.lag.LagMeter;

/**
 * The fault suite's failing dependency: the notification channel (the run's webhook inbox) goes down while signals
 * come. Its notifications must be retried, then given up (the circuit opening on the way) and dead-lettered with the
 * reason while the pipeline goes on; once it is back, a DLQ replay must deliver each of them once.
 */
final class ChannelOutage {

    /** The notification-service's circuit opens after 5 failed sends in a row and stays open this long in the fault run. */
    static final Duration OPEN_FOR = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SIGNALS = 2;

    /** What became of the outage: the reasons the DLQ kept, what the replay did, how often the inbox got each. */
    record Result(List<String> reasons, List<DeadLetterShelf.Outcome> replays, Map<String, Integer> deliveredByEvent,
                  List<String> outcomes) {

        boolean passed() {
            return reasons.size() == SIGNALS && reasons.stream().noneMatch(String::isBlank)
                    && replays.stream().allMatch(DeadLetterShelf.Outcome.SENT::equals) && replays.size() == SIGNALS
                    && deliveredByEvent.size() == SIGNALS && deliveredByEvent.values().stream().allMatch(n -> n == 1)
                    && outcomes.size() == SIGNALS;
        }

        Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dead_lettered", reasons.size());
            json.put("reasons", reasons);
            json.put("replayed", replays.stream().map(Enum::name).toList());
            json.put("delivered_by_event", deliveredByEvent);
            json.put("signal_outcomes", outcomes);
            json.put("passed", passed());
            return json;
        }
    }

    private final String bootstrap;
    private final NotificationInbox inbox;

    ChannelOutage(String bootstrap, NotificationInbox inbox) {
        this.bootstrap = bootstrap;
        this.inbox = inbox;
    }

    Result run() throws Exception {
        // What the day left the notification-service to send goes out first: only the outage's own notifications fail.
        awaitNotificationsCaughtUp();
        inbox.down(true);
        List<String> signalIds = new ArrayList<>();
        try (StrategyClient strategy = StrategyClient.connect(bootstrap, BadInputs.STRATEGY)) {
            for (int i = 1; i <= SIGNALS; i++) {
                // Strength 1: generated (and so notified), then filtered by the executor: no position is left open.
                signalIds.add(strategy.emitSignal(Signal.sell("NIFTY").entry("21500").stopLoss("21600").target("21300").strength("1")
                        .expectedMovePct("0.9").clientSignalId("faults-outage-" + i)));
            }
        }
        List<String> outcomes = new ArrayList<>();
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            for (String id : signalIds) {
                EventClients.awaitRecord(reader, Topic.SIGNAL_REJECTED.topicName(), r -> id.equals(r.key()), WAIT)
                        .ifPresent(r -> outcomes.add(id + " refused while the channel was down"));
            }
        }
        List<ConsumerRecord<String, Object>> dead = awaitDeadLetters(signalIds);
        List<String> reasons = dead.stream().map(r -> header(r, DeadLetters.REASON)).toList();
        RunCommand.say("webhook down: " + dead.size() + " notification(s) dead-lettered: " + String.join(" | ", reasons));

        inbox.down(false);
        Thread.sleep(OPEN_FOR.plusMillis(500).toMillis());
        List<DeadLetterShelf.Replay> replays = new DeadLetterShelf(bootstrap)
                .replay(dead.stream().map(r -> r.partition() + ":" + r.offset()).toList(), false);
        List<String> eventIds = dead.stream().map(r -> ((SignalGenerated) r.value()).getMetadata().getEventId()).toList();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && eventIds.stream().anyMatch(e -> inbox.received(e) == 0)) {
            Thread.sleep(200);
        }
        Thread.sleep(3_000); // a second delivery would come by now
        Map<String, Integer> delivered = new LinkedHashMap<>();
        eventIds.forEach(e -> delivered.put(e, inbox.received(e)));
        RunCommand.say("webhook back: replayed " + replays.stream().map(r -> r.id() + " " + r.outcome()).toList()
                + ", delivered " + delivered);
        return new Result(reasons, replays.stream().map(DeadLetterShelf.Replay::outcome).toList(), delivered, outcomes);
    }

    private void awaitNotificationsCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (LagMeter meter = new LagMeter(bootstrap, "alphastocks-faults-outage")) {
            while (System.nanoTime() < deadline) {
                try {
                    if (meter.measure(Map.of("notification-service", Set.of())).stream().allMatch(l -> l.lag() == 0)) {
                        return;
                    }
                } catch (IllegalStateException brokerAway) {
                    // asked again below
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the notification-service did not catch up within " + WAIT.toSeconds() + " s");
    }

    /** The notification-service's DLQ records of the webhook for these signals' announcements, once there is one each. */
    private List<ConsumerRecord<String, Object>> awaitDeadLetters(List<String> signalIds) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ConsumerRecord<String, Object>> found = List.of();
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap)) {
            while (System.nanoTime() < deadline) {
                found = EventClients.readAll(reader, Topic.DLQ.topicName()).stream()
                        .filter(r -> signalIds.contains(r.key()) && r.value() instanceof SignalGenerated)
                        .filter(r -> "webhook".equals(header(r, DeadLetters.NOTIFICATION_CHANNEL)))
                        .toList();
                if (found.size() >= signalIds.size()) {
                    return found;
                }
                Thread.sleep(500);
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
