package com.alphastocks.launcher;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.alphastocks.sdk.Signal;

/**
 * A user's signals for {@code ./alphastocks run --signals FILE}: one signal a line after the header {@value #HEADER}.
 * {@code time} is when the strategy sent it (ISO-8601 with an offset): the signal goes out when the replayed market
 * reaches that time. {@code timeframe} and {@code client_signal_id} may be empty (the id is then the file name and
 * line, so that a second run of the same file is a retry, not a second signal). The whole file is read before
 * anything starts; a bad line is refused with its number and what is wrong with it.
 */
final class SignalsCsv {

    static final String HEADER = "time,strategy,symbol,action,entry,stop_loss,target,strength,expected_move_pct,timeframe,client_signal_id";

    /** A signal and when, in market time, it is sent. */
    record TimedSignal(Instant at, String strategy, Signal signal, long line) {
    }

    private SignalsCsv() {
    }

    /** The file's signals in time order (lines of the same time in file order). */
    static List<TimedSignal> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new IllegalArgumentException(file + " line 1: the header must be " + HEADER);
        }
        List<TimedSignal> signals = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                signals.add(parse(lines.get(i), i + 1, file.getFileName().toString()));
            }
        }
        signals.sort(Comparator.comparing(TimedSignal::at));
        return signals;
    }

    static TimedSignal parse(String line, long number, String fileName) {
        String[] f = line.split(",", -1);
        if (f.length != 11) {
            throw bad(fileName, number, "expected 11 fields (" + HEADER + "), found " + f.length);
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(f[0].trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(fileName, number, "time '" + f[0] + "' is not an ISO-8601 time with offset, e.g. 2025-12-03T10:15:00+05:30");
        }
        String strategy = required(f[1], "strategy", fileName, number);
        String symbol = required(f[2], "symbol", fileName, number).toUpperCase(Locale.ROOT);
        Signal signal = switch (f[3].trim().toUpperCase(Locale.ROOT)) {
            case "BUY" -> Signal.buy(symbol);
            case "SELL" -> Signal.sell(symbol);
            default -> throw bad(fileName, number, "action must be BUY or SELL, not '" + f[3] + "'");
        };
        signal.entry(positive(f[4], "entry", fileName, number))
                .stopLoss(positive(f[5], "stop_loss", fileName, number))
                .target(positive(f[6], "target", fileName, number))
                .strength(number(f[7], "strength", fileName, number))
                .expectedMovePct(number(f[8], "expected_move_pct", fileName, number));
        if (!f[9].isBlank()) {
            signal.timeframe(f[9].trim());
        }
        signal.clientSignalId(f[10].isBlank() ? fileName + ":" + number : f[10].trim());
        return new TimedSignal(at, strategy, signal, number);
    }

    private static String required(String value, String name, String fileName, long line) {
        if (value.isBlank()) {
            throw bad(fileName, line, name + " is empty");
        }
        return value.trim();
    }

    private static String number(String value, String name, String fileName, long line) {
        try {
            return new BigDecimal(required(value, name, fileName, line)).toPlainString();
        } catch (NumberFormatException e) {
            throw bad(fileName, line, name + " '" + value + "' is not a number");
        }
    }

    private static String positive(String value, String name, String fileName, long line) {
        String n = number(value, name, fileName, line);
        if (new BigDecimal(n).signum() <= 0) {
            throw bad(fileName, line, name + " must be positive, not " + value.trim());
        }
        return n;
    }

    private static IllegalArgumentException bad(String fileName, long line, String problem) {
        return new IllegalArgumentException(fileName + " line " + line + ": " + problem);
    }
}
