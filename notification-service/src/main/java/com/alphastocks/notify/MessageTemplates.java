package com.alphastocks.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.streams.Envelope;

import io.quarkus.qute.CompletedStage;
import io.quarkus.qute.Engine;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.ValueResolver;

/**
 * Turns an event into a {@link Notification} with a Qute template per event type ({@code position-closed.txt} for
 * POSITION_CLOSED, {@code default.txt} for the others): the first line is the subject, the rest the text. The
 * templates ship in the jar ({@code notify-templates/}); a folder given in configuration overrides any of them.
 * In a template: {@code e} is the event, {@code m} its metadata, {@code at} when it happened on the market's clock (its
 * {@code marketTime}; its producer's {@code occurredAt} where that did not know the market's: in a replay, the replayed
 * day's time, not today's); {@code .plain} writes a decimal without trailing
 * zeros, {@code .time} an instant in the exchange's time zone; {@code heldMinutes} is there for a closed position,
 * {@code winRatePct} for the day's report.
 */
public final class MessageTemplates {

    private static final String BUNDLED = "notify-templates/";

    private final Engine engine;
    private final Optional<Path> overrides;
    private final Map<String, Template> byType = new ConcurrentHashMap<>();

    public MessageTemplates(Optional<Path> overrides, ZoneId exchangeZone) {
        this.overrides = overrides;
        DateTimeFormatter time = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss z", Locale.ENGLISH).withZone(exchangeZone);
        this.engine = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
                .addValueResolver(resolver(BigDecimal.class, "plain", d -> d.stripTrailingZeros().toPlainString()))
                .addValueResolver(resolver(Instant.class, "time", time::format))
                .build();
    }

    public Notification render(Object event) {
        SpecificRecord record = (SpecificRecord) event;
        EventMetadata m = Envelope.metadataOf(record);
        Map<String, Object> data = new HashMap<>();
        data.put("e", event);
        data.put("m", m);
        data.put("at", m.getMarketTime() != null ? m.getMarketTime() : m.getOccurredAt());
        Object held = field(record, "holdingMillis");
        if (held instanceof Long millis) {
            data.put("heldMinutes", millis / 60_000);
        }
        if (field(record, "wins") instanceof Integer wins && field(record, "trades") instanceof Integer trades) {
            data.put("winRatePct", trades == 0 ? 0 : Math.round(100.0 * wins / trades));
        }
        String rendered = template(m.getEventType().name()).data(data).render().strip();
        int newline = rendered.indexOf('\n');
        String subject = newline < 0 ? rendered : rendered.substring(0, newline).strip();
        String text = newline < 0 ? rendered : rendered.substring(newline + 1).strip();
        Object strategy = field(record, "strategy");
        Object symbol = Optional.ofNullable(field(record, "symbol")).orElse(field(record, "underlying"));
        return new Notification(m.getEventId(), m.getEventType().name(), m.getPriority(), strategy == null ? null : strategy.toString(),
                symbol == null ? null : symbol.toString(), subject, text);
    }

    private Template template(String eventType) {
        return byType.computeIfAbsent(eventType, type -> {
            String name = type.toLowerCase(Locale.ROOT).replace('_', '-') + ".txt";
            return engine.parse(source(name).or(() -> source("default.txt"))
                    .orElseThrow(() -> new IllegalStateException("no template " + name + " and no default.txt")));
        });
    }

    private Optional<String> source(String name) {
        try {
            if (overrides.isPresent() && Files.isRegularFile(overrides.get().resolve(name))) {
                return Optional.of(Files.readString(overrides.get().resolve(name)));
            }
            try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(BUNDLED + name)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    private static Object field(SpecificRecord record, String name) {
        Schema.Field field = record.getSchema().getField(name);
        return field == null ? null : record.get(field.pos());
    }

    private static <T> ValueResolver resolver(Class<T> type, String property, java.util.function.Function<T, String> format) {
        return new ValueResolver() {
            @Override
            public boolean appliesTo(EvalContext context) {
                return type.isInstance(context.getBase()) && context.getName().equals(property);
            }

            @Override
            public java.util.concurrent.CompletionStage<Object> resolve(EvalContext context) {
                return CompletedStage.of(format.apply(type.cast(context.getBase())));
            }
        };
    }
}
