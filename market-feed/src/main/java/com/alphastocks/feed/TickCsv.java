package com.alphastocks.feed;

import static com.alphastocks.streams.Decimals.plain;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.streams.wire.OptionContracts;
import com.alphastocks.contracts.Priority;
import com.alphastocks.options.OptionSymbol;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;

/**
 * The tick CSV format, both ways. One tick a line after the header
 * {@value #HEADER}; times are ISO-8601 with an offset; bid, ask and implied volatility may be empty. An option's
 * strike, type and expiry are read from its symbol (NSE format, e.g. NIFTY25D0921500CE).
 */
public final class TickCsv {

    public static final String HEADER = "exchange_time,instrument,underlying,last_price,bid,ask,volume,open_interest,implied_volatility";

    private final Envelope envelope = new Envelope("market-feed.replay", java.time.Clock.systemUTC());
    private final DayOfWeek expiryDay;
    private final ZoneId zone;

    public TickCsv(DayOfWeek expiryDay, ZoneId zone) {
        this.expiryDay = expiryDay;
        this.zone = zone;
    }

    /** A bad line is refused with its number and what is wrong with it. */
    public MarketTick parse(String line, long lineNumber) {
        String[] f = line.split(",", -1);
        if (f.length != 9) {
            throw new IllegalArgumentException("line " + lineNumber + ": expected 9 fields (" + HEADER + "), found " + f.length);
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(f[0].trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": exchange_time '" + f[0] + "' is not an ISO-8601 time with offset, e.g. 2025-12-03T09:15:00+05:30");
        }
        String instrument = required(f[1], "instrument", lineNumber);
        String underlying = required(f[2], "underlying", lineNumber);
        OptionContract option = OptionSymbol.parse(instrument, expiryDay)
                .map(o -> OptionContracts.of(o.type(), o.strike(), o.expiry()))
                .orElse(null);
        if (option == null && !instrument.equals(underlying)) {
            throw new IllegalArgumentException("line " + lineNumber + ": instrument " + instrument
                    + " is neither its underlying " + underlying + " nor an option symbol like " + underlying + "25D0921500CE");
        }
        BigDecimal last = number(f[3], "last_price", lineNumber, false);
        if (last.signum() <= 0) {
            throw new IllegalArgumentException("line " + lineNumber + ": last_price must be positive, not " + f[3]);
        }
        return MarketTick.newBuilder()
                .setMetadata(envelope.metadataAt(at, at, EventType.MARKET_TICK, EventIds.derived(EventType.MARKET_TICK, instrument, at.toString()),
                        instrument, null, Priority.LOW))
                .setInstrument(instrument).setUnderlying(underlying).setOption(option)
                .setLastPrice(Decimals.scaled(last))
                .setBid(Decimals.scaled(number(f[4], "bid", lineNumber, true)))
                .setAsk(Decimals.scaled(number(f[5], "ask", lineNumber, true)))
                .setVolume(whole(f[6], "volume", lineNumber))
                .setOpenInterest(whole(f[7], "open_interest", lineNumber))
                .setImpliedVolatility(Decimals.scaled(number(f[8], "implied_volatility", lineNumber, true)))
                .setExchangeTime(at)
                .build();
    }

    public String format(MarketTick t) {
        return String.join(",", OffsetDateTime.ofInstant(t.getExchangeTime(), zone).toString(), t.getInstrument(), t.getUnderlying(),
                plain(t.getLastPrice()), plain(t.getBid()), plain(t.getAsk()), Long.toString(t.getVolume()),
                Long.toString(t.getOpenInterest()), plain(t.getImpliedVolatility()));
    }

    private static String required(String value, String field, long line) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("line " + line + ": " + field + " is empty");
        }
        return value.trim();
    }

    private static BigDecimal number(String value, String field, long line, boolean optional) {
        if (value.isBlank()) {
            if (optional) {
                return null;
            }
            throw new IllegalArgumentException("line " + line + ": " + field + " is empty");
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": " + field + " '" + value + "' is not a number");
        }
    }

    private static long whole(String value, String field, long line) {
        if (value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": " + field + " '" + value + "' is not a whole number");
        }
    }
}
