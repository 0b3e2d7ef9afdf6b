package com.alphastocks.executor.trading;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import com.alphastocks.options.ExpiryCalendar;

/**
 * When the exchange takes new entries: its session ({@code open} inclusive, {@code close} exclusive) on trading days
 * (weekdays that are not exchange holidays), on the exchange's clock. Judged on the market's own time, so that a
 * replayed day closes when its ticks say so, as a live one does.
 */
public record MarketSession(LocalTime open, LocalTime close, ZoneId zone) {

    /** NSE's equity derivatives session: 09:15 to 15:30 IST. */
    public static final MarketSession NSE = new MarketSession(LocalTime.of(9, 15), LocalTime.of(15, 30), ZoneId.of("Asia/Kolkata"));

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);

    public MarketSession {
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("the session must open before it closes, not " + open + " to " + close);
        }
    }

    /** Why no entry can be made at {@code at}; empty while the session is open. */
    public Optional<String> closedReason(Instant at, ExpiryCalendar calendar) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        if (!calendar.isTradingDay(local.toLocalDate())) {
            return Optional.of("the market is closed on " + DAY.format(local) + " (a weekend or an exchange holiday)");
        }
        LocalTime time = local.toLocalTime();
        if (time.isBefore(open) || !time.isBefore(close)) {
            return Optional.of("the market is closed at " + time.withNano(0) + " on " + DAY.format(local) + " (session " + open + " to " + close + ")");
        }
        return Optional.empty();
    }
}
