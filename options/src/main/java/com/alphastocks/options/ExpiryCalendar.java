package com.alphastocks.options;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * Option expiries by rule: weekly on the underlying's expiry day, or on the last such day of the month; an
 * expiry that falls on an exchange holiday moves to the trading day before it.
 */
public final class ExpiryCalendar {

    /** One expiry; {@code monthly} when it is the month's last, which changes the trading symbol's format. */
    public record Expiry(LocalDate date, boolean monthly) {
        public long daysLeft(LocalDate today) {
            return ChronoUnit.DAYS.between(today, date);
        }
    }

    private static final int MAX_LOOKAHEAD_WEEKS = 60;

    private final Set<LocalDate> holidays;

    public ExpiryCalendar(Set<LocalDate> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    public boolean isTradingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The nearest expiry with at least {@code minDaysLeft} calendar days to go, else the one after it. */
    public Expiry choose(Underlying underlying, LocalDate today, int minDaysLeft) {
        LocalDate scheduled = today.with(TemporalAdjusters.nextOrSame(underlying.expiryDay()));
        for (int week = 0; week < MAX_LOOKAHEAD_WEEKS; week++, scheduled = scheduled.plusWeeks(1)) {
            boolean lastOfMonth = scheduled.plusWeeks(1).getMonth() != scheduled.getMonth();
            if (underlying.cycle() == Underlying.ExpiryCycle.MONTHLY && !lastOfMonth) {
                continue;
            }
            Expiry expiry = new Expiry(onTradingDay(scheduled), lastOfMonth);
            if (!expiry.date().isBefore(today) && expiry.daysLeft(today) >= minDaysLeft) {
                return expiry;
            }
        }
        throw new IllegalStateException("no expiry for " + underlying.symbol() + " within " + MAX_LOOKAHEAD_WEEKS + " weeks");
    }

    private LocalDate onTradingDay(LocalDate day) {
        LocalDate moved = day;
        while (!isTradingDay(moved)) {
            moved = moved.minusDays(1);
        }
        return moved;
    }
}
