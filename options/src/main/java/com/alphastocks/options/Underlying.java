package com.alphastocks.options;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An index whose options are traded: its strike step, its lot size and its expiry cycle. Lot sizes (and strike
 * steps) are revised by exchange circular with effect from a given expiry, so both are dated: {@code lotSize} and
 * {@code strikeStep} hold for contracts expiring before the first revision, and {@code lotSizeFrom} /
 * {@code strikeStepFrom} give the value for contracts expiring on or after each date. They come from configuration,
 * never from code.
 */
public record Underlying(String symbol, BigDecimal strikeStep, int lotSize, ExpiryCycle cycle, DayOfWeek expiryDay,
                         NavigableMap<LocalDate, Integer> lotSizeFrom, NavigableMap<LocalDate, BigDecimal> strikeStepFrom) {

    public enum ExpiryCycle {
        /** Every week on the expiry day. */
        WEEKLY,
        /** The last expiry day of each month. */
        MONTHLY
    }

    public Underlying {
        lotSizeFrom = new TreeMap<>(lotSizeFrom);
        strikeStepFrom = new TreeMap<>(strikeStepFrom);
        if (lotSize <= 0 || lotSizeFrom.values().stream().anyMatch(lot -> lot <= 0)) {
            throw new IllegalArgumentException(symbol + ": a lot size must be positive, not " + lotSize + " / " + lotSizeFrom);
        }
        if (strikeStep.signum() <= 0 || strikeStepFrom.values().stream().anyMatch(step -> step.signum() <= 0)) {
            throw new IllegalArgumentException(symbol + ": a strike step must be positive, not " + strikeStep + " / " + strikeStepFrom);
        }
    }

    /** One lot size and strike step for every expiry. */
    public Underlying(String symbol, BigDecimal strikeStep, int lotSize, ExpiryCycle cycle, DayOfWeek expiryDay) {
        this(symbol, strikeStep, lotSize, cycle, expiryDay, new TreeMap<>(), new TreeMap<>());
    }

    /** The lot size of the contract expiring on {@code expiry}: the latest revision in force for that expiry. */
    public int lotSizeFor(LocalDate expiry) {
        Map.Entry<LocalDate, Integer> revision = lotSizeFrom.floorEntry(expiry);
        return revision == null ? lotSize : revision.getValue();
    }

    /** The strike step of the contracts expiring on {@code expiry}. */
    public BigDecimal strikeStepFor(LocalDate expiry) {
        Map.Entry<LocalDate, BigDecimal> revision = strikeStepFrom.floorEntry(expiry);
        return revision == null ? strikeStep : revision.getValue();
    }

    /** The underlying as its contracts expiring on {@code expiry} are specified: that expiry's lot size and strike step. */
    public Underlying forExpiry(LocalDate expiry) {
        return new Underlying(symbol, strikeStepFor(expiry), lotSizeFor(expiry), cycle, expiryDay);
    }
}
