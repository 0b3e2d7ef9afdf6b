package com.alphastocks.launcher;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetterShelf;
import com.alphastocks.streams.lag.ConsumerLag;
import com.alphastocks.streams.lag.LagMeter;
import com.alphastocks.streams.wire.WireSettings;

/**
 * {@code ./alphastocks events|dlq|lag}: what is on the topics, what failed, who is behind. Plain Kafka clients
 * against any cluster; nothing here needs a service running.
 */
final class OpsCommands {

    private final String bootstrap;
    private final WireSettings wire;
    private final PrintStream out;

    /** @param wire how to read the events (registry-framed ones through its registry, where it has one) */
    OpsCommands(String bootstrap, WireSettings wire, PrintStream out) {
        this.bootstrap = bootstrap;
        this.wire = wire;
        this.out = out;
    }

    /** The last {@code n} events of a type (oldest first, like tail), one line each: time, key, the event as JSON. */
    void events(String type, int n) {
        Topic<?> topic = topicOf(type);
        try (KafkaConsumer<String, Object> reader = EventClients.reader(bootstrap, wire)) {
            List<ConsumerRecord<String, Object>> last = EventClients.lastRecords(reader, topic.topicName(), n);
            if (last.isEmpty()) {
                out.println("no " + topic.name() + " events on " + topic.topicName());
            }
            for (ConsumerRecord<String, Object> r : last) {
                out.println(Instant.ofEpochMilli(r.timestamp()) + "  " + r.key() + "  " + (r.value() != null ? r.value()
                        : "(unreadable here: not an event, or registry-framed and no --registry given)"));
            }
        }
    }

    /** The last {@code n} DLQ records: where each came from, which service gave up, why, and whether it went back. */
    void dlqList(int n) {
        List<DeadLetterShelf.DeadLetter> last = new DeadLetterShelf(bootstrap).last(n);
        if (last.isEmpty()) {
            out.println("the DLQ (" + Topic.DLQ.topicName() + ") is empty");
        }
        for (DeadLetterShelf.DeadLetter d : last) {
            out.printf("%-8s %s  %s gave up on %s@%s:%s after %s attempt(s): %s  (key %s, %d bytes)%s%n", d.id(), d.at(), d.service(),
                    d.sourceTopic(), d.sourcePartition(), d.sourceOffset(), d.attempts(), d.reason(), d.key(), d.bytes(),
                    d.replayed() ? "  [replayed]" : "");
        }
    }

    /** Sends DLQ records ({@code partition:offset}, or all) back to their topic, once each; returns how many went back. */
    int dlqReplay(List<String> ids, boolean all) throws Exception {
        int sent = 0;
        for (DeadLetterShelf.Replay r : new DeadLetterShelf(bootstrap).replay(ids, all)) {
            out.println(r.id() + ": " + switch (r.outcome()) {
                case SENT -> "sent back to " + r.topic();
                case ALREADY_REPLAYED -> "replayed before, skipped";
                case NO_SOURCE_TOPIC -> "no source topic header, nowhere to send it back to";
                case NOT_FOUND -> "no such record in " + Topic.DLQ.topicName();
            });
            sent += r.outcome() == DeadLetterShelf.Outcome.SENT ? 1 : 0;
        }
        return sent;
    }

    /** The lag of every consumer group per topic; returns the total. */
    long lag() {
        try (LagMeter meter = new LagMeter(bootstrap, "alphastocks-ops")) {
            List<ConsumerLag> lags = meter.measure().stream()
                    .sorted(Comparator.comparing(ConsumerLag::group).thenComparing(ConsumerLag::topic)).toList();
            out.printf("%-44s %-40s %12s %12s %8s%n", "group", "topic", "committed", "end", "lag");
            long total = 0;
            for (ConsumerLag l : lags) {
                out.printf("%-44s %-40s %12d %12d %8d%n", l.group(), l.topic(), l.committed(), l.end(), l.lag());
                total += l.lag();
            }
            out.println("total lag: " + total);
            return total;
        }
    }

    /**
     * An event type as the user writes it: POSITION_CLOSED, position-closed or the topic name position.closed; also the
     * event's type where it differs from its topic's (TRADING_STATE_CHANGED for trading.state).
     */
    static Topic<?> topicOf(String type) {
        String name = type.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        for (Topic<?> topic : Topic.values()) {
            if (topic.eventClass() != null && (topic.name().equals(name) || topic.topicName().equals(type)
                    || topic.eventClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT).equals(name))) {
                return topic;
            }
        }
        throw new Main.UsageException("no event type " + type + "; types: " + java.util.Arrays.stream(Topic.values())
                .filter(t -> t.eventClass() != null).map(Topic::name).toList());
    }
}
