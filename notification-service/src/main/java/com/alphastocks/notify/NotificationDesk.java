package com.alphastocks.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.DayEnded;
import com.alphastocks.notify.bot.BotCommands;
import com.alphastocks.notify.bot.DeskView;
import com.alphastocks.notify.bot.PositionFeed;
import com.alphastocks.notify.bot.TelegramBot;
import com.alphastocks.notify.channel.EmailChannel;
import com.alphastocks.notify.report.DayReportFiles;
import com.alphastocks.notify.channel.SmsChannel;
import com.alphastocks.notify.channel.TelegramChannel;
import com.alphastocks.notify.channel.WebhookChannel;
import com.alphastocks.notify.delivery.Outbox;
import com.alphastocks.notify.delivery.RetryPolicy;
import com.alphastocks.notify.delivery.SentLog;
import com.alphastocks.notify.delivery.SentLogAtStartup;
import com.alphastocks.streams.control.TradingStateFeed;
import com.alphastocks.streams.CircuitBreakers;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.RateLimiter;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.wire.UndecodableRecord;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Every event topic in, notifications out: each event rendered once, matched against the rules, handed to each
 * channel's {@link Outbox}. The event's offset is acknowledged (and so committed) only when every channel has sent
 * it or given up on it, a give-up going to the DLQ with the channel and the reason; so a restart resends what was
 * not yet out, and what was out does not go twice: each channel's sends are kept in the {@link SentLog}, read back at
 * start.
 */
@ApplicationScoped
@Startup
public class NotificationDesk {

    private static final Logger LOG = Logger.getLogger(NotificationDesk.class);
    public static final List<String> CHANNELS = List.of("telegram", "email", "sms", "webhook");

    @Inject
    NotificationSettings settings;

    @Inject
    ObjectMapper json;

    @Inject
    ReactiveMailer mailer;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Channel("notification-dead-letters")
    Emitter<Object> deadLetters;

    @Inject
    @io.smallrye.common.annotation.Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    WireSettings wire;

    @Inject
    SentLogAtStartup sentLogAtStartup;

    private final Map<String, Outbox> outboxes = new LinkedHashMap<>();
    private SentLog sentLog;
    private NotificationRules rules;
    private MessageTemplates templates;
    /** What the Telegram bot answers from; null while the bot is off. */
    private DeskView deskView;
    private TradingStateFeed tradingState;
    private TelegramBot bot;

    /** Before the first event can arrive (a restart may find a backlog), and at start-up for its log lines. */
    @PostConstruct
    void start() {
        rules = new NotificationRules(settings.rules().entrySet().stream().map(e -> new NotificationRule(e.getKey(),
                e.getValue().eventTypes().orElse(Set.of()), e.getValue().priorities().orElse(Set.of()),
                e.getValue().strategies().orElse(Set.of()), e.getValue().symbols().orElse(Set.of()),
                e.getValue().channels())).toList(), Set.copyOf(CHANNELS));
        templates = new MessageTemplates(settings.templatesDir(), settings.exchangeZone());
        // What went out before a restart, before the first event comes in: it is not sent again.
        sentLog = sentLogAtStartup.sentLog();
        LOG.infof("%d notification(s) sent before this start (%s)", sentLog.loaded(), com.alphastocks.streams.Topic.NOTIFICATIONS_SENT.topicName());
        RetryPolicy retry = new RetryPolicy(settings.retry().attempts(), settings.retry().firstBackoff(), settings.retry().maxBackoff());
        var telegram = settings.telegram();
        if (telegram.botToken().isPresent() && telegram.chatId().isPresent()) {
            TelegramChannel channel = new TelegramChannel(telegram.apiUrl(), telegram.botToken().get(), telegram.chatId().get(), json);
            open(channel, retry, telegram.perSecond(), telegram.burst());
            if (telegram.commands()) {
                startBot(telegram, channel);
            }
        }
        var email = settings.email();
        if (email.to().filter(to -> !to.isEmpty()).isPresent()) {
            open(new EmailChannel(mailer, email.to().get(), email.subjectPrefix()), retry, email.perSecond(), email.burst());
        }
        var sms = settings.sms();
        if (sms.accountSid().isPresent() && sms.authToken().isPresent() && sms.from().isPresent() && sms.to().filter(to -> !to.isEmpty()).isPresent()) {
            open(new SmsChannel(sms.apiUrl(), sms.accountSid().get(), sms.authToken().get(), sms.from().get(), sms.to().get()), retry,
                    sms.perSecond(), sms.burst());
        }
        var webhook = settings.webhook();
        if (webhook.url().isPresent()) {
            open(new WebhookChannel(webhook.url().get(), json), retry, webhook.perSecond(), webhook.burst());
        }
        for (String channel : CHANNELS) {
            LOG.infof("channel %s: %s", channel, outboxes.containsKey(channel) ? "on" : "off (" + whatTurnsOn(channel) + " not configured)");
        }
        for (NotificationRule rule : rules.rules()) {
            List<String> off = rule.channels().stream().filter(c -> !outboxes.containsKey(c)).toList();
            LOG.infof("rule %s -> %s%s", rule.name(), rule.channels(), off.isEmpty() ? "" : " (off here: " + off + ")");
        }
    }

    /** The view read back from the position topics first (the bot answers for positions opened before this start). */
    private void startBot(NotificationSettings.Telegram telegram, TelegramChannel channel) {
        Map<String, Object> connection = com.alphastocks.streams.KafkaConnection.of(kafka);
        deskView = new DeskView(settings.exchangeZone());
        try (var reader = EventClients.reader(connection, wire)) {
            for (com.alphastocks.streams.Topic topic : PositionFeed.TOPICS) {
                EventClients.readAll(reader, topic.topicName()).forEach(record -> PositionFeed.apply(deskView, record.value()));
            }
        }
        LOG.infof("telegram bot: %s positions read back", deskView.size());
        tradingState = new TradingStateFeed(connection, wire, "notification-service.telegram-bot", "notification-bot-trading-state",
                java.time.Clock.systemUTC());
        bot = new TelegramBot(telegram.apiUrl(), telegram.botToken().get(), telegram.allowedChatIds().orElse(Set.of(telegram.chatId().get())),
                telegram.pollTimeout(), sentLog.channel("telegram-updates"),
                new BotCommands(deskView, BotCommands.TradingStateControl.of(tradingState)), channel, json).start();
    }

    private void open(com.alphastocks.notify.channel.Channel channel, RetryPolicy retry, double perSecond, int burst) {
        Outbox outbox = new Outbox(channel, retry, new RateLimiter(perSecond, burst, System::nanoTime),
                CircuitBreakers.afterFailuresInARow(channel.name(), settings.circuit().failuresToOpen(), settings.circuit().openFor(),
                        Exception.class),
                sentLog.channel(channel.name()));
        outboxes.put(channel.name(), outbox);
        metrics.gauge("alphastocks.notifications.backlog", List.of(io.micrometer.core.instrument.Tag.of("channel", channel.name())),
                outbox, Outbox::backlog);
    }

    private static String whatTurnsOn(String channel) {
        return switch (channel) {
            case "telegram" -> "alphastocks.notify.telegram.bot-token and chat-id";
            case "email" -> "alphastocks.notify.email.to (and quarkus.mailer.*)";
            case "sms" -> "alphastocks.notify.sms.account-sid, auth-token, from and to";
            default -> "alphastocks.notify.webhook.url";
        };
    }

    @Incoming("events")
    @Blocking
    public CompletionStage<Void> onEvent(Message<Object> message) throws InterruptedException {
        while (backlog() > settings.maxBacklog()) {
            Thread.sleep(20);
        }
        if (message.getPayload() instanceof UndecodableRecord poison) {
            return deadLetter(message, poison.data(), poison.reason(), org.apache.kafka.common.errors.SerializationException.class.getName(),
                    1, null).thenCompose(written -> message.ack());
        }
        if (deskView != null) {
            PositionFeed.apply(deskView, message.getPayload());
        }
        Notification rendered = templates.render(message.getPayload());
        Notification n = message.getPayload() instanceof DayEnded day ? withReportFiles(rendered, day) : rendered;
        List<CompletableFuture<Outbox.Delivery>> deliveries = new ArrayList<>();
        for (String channel : rules.channelsFor(n)) {
            Outbox outbox = outboxes.get(channel);
            if (outbox != null) {
                deliveries.add(outbox.submit(n).toCompletableFuture());
            }
        }
        if (deliveries.isEmpty()) {
            return message.ack();
        }
        // Not waited for here: the next event is taken at once, and a slow or failing channel holds up nothing.
        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new))
                .thenCompose(all -> {
                    List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
                    for (CompletableFuture<Outbox.Delivery> d : deliveries) {
                        Outbox.Delivery delivery = d.join();
                        metrics.counter("alphastocks.notifications", "channel", delivery.channel(), "outcome",
                                delivery.outcome().name().toLowerCase(java.util.Locale.ROOT), "event_type", n.eventType()).increment();
                        if (delivery.outcome() == Outbox.Outcome.FAILED) {
                            deadLettered.add(deadLetter(message, delivery).toCompletableFuture());
                        }
                    }
                    return CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new));
                })
                .thenCompose(sentOrDeadLettered -> message.ack())
                .exceptionally(e -> {
                    LOG.errorf(e, "could not dead-letter a failed notification of %s; its offset stays uncommitted", n.eventId());
                    return null;
                });
        return CompletableFuture.completedFuture(null);
    }

    /** The day's report with its chart and trades; without them (and said so) where the runtime cannot draw. */
    private Notification withReportFiles(Notification n, DayEnded day) {
        try {
            return n.with(DayReportFiles.of(day, settings.exchangeZone()));
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("the day's report for %s goes without its files: %s", day.getDay(), e.toString());
            return n;
        }
    }

    private CompletionStage<Void> deadLetter(Message<Object> message, Outbox.Delivery delivery) {
        LOG.warnf("%s gave up on %s %s after %d attempt(s): %s", delivery.channel(), delivery.notification().eventType(),
                delivery.notification().eventId(), delivery.attempts(), delivery.error());
        return deadLetter(message, message.getPayload(), delivery.channel() + ": " + delivery.error(),
                com.alphastocks.notify.channel.Channel.DeliveryFailed.class.getName(), delivery.attempts(), delivery.channel());
    }

    /** The record to the DLQ with where it came from and why; {@code channel} null when no channel was involved. */
    private CompletionStage<Void> deadLetter(Message<Object> message, Object value, String reason, String exception, int attempts,
                                             String channel) {
        RecordHeaders headers = new RecordHeaders();
        var source = message.getMetadata(IncomingKafkaRecordMetadata.class);
        DeadLetters.stamp(headers, source.map(IncomingKafkaRecordMetadata::getTopic).orElse(null),
                source.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1), source.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L),
                reason, exception, "notification-service", attempts);
        if (channel != null) {
            DeadLetters.put(headers, DeadLetters.NOTIFICATION_CHANNEL, channel);
        }
        Object key = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        CompletableFuture<Void> written = new CompletableFuture<>();
        deadLetters.send(Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.builder().withKey(key).withHeaders(headers).build())
                .withAck(() -> {
                    written.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    written.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        return written;
    }

    private int backlog() {
        return outboxes.values().stream().mapToInt(Outbox::backlog).sum();
    }

    /** Per channel: on or off, and how many notifications are waiting. */
    public Map<String, Object> channels() {
        Map<String, Object> view = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            Outbox outbox = outboxes.get(channel);
            view.put(channel, outbox == null ? Map.of("on", false) : Map.of("on", true, "backlog", outbox.backlog()));
        }
        return view;
    }

    @PreDestroy
    void stop() {
        if (bot != null) {
            bot.close();
            tradingState.close();
        }
        outboxes.values().forEach(Outbox::close);
        if (sentLog != null) {
            sentLog.close();
        }
    }
}
