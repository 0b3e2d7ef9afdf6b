package com.alphastocks.signal.trading;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.alphastocks.signal.SignalRules;

import static com.alphastocks.streams.Decimals.plain;

/** Every reason a signal cannot be traded, each with its field, a stable code and a message for people. */
public final class SignalValidator {

    /** One thing wrong with a signal. */
    public record Problem(String field, String code, String message) {
    }

    private static final Pattern STRATEGY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final BigDecimal MAX_STRENGTH = BigDecimal.TEN;
    private static final int MAX_CLIENT_ID = 128;

    private final SignalRules rules;

    public SignalValidator(SignalRules rules) {
        this.rules = rules;
    }

    /** @return every problem, in field order; empty when the signal is good to trade */
    public List<Problem> check(SignalRequest s, Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (required(problems, "strategy", s.strategy()) && !STRATEGY.matcher(s.strategy()).matches()) {
            problems.add(new Problem("strategy", "INVALID_STRATEGY",
                    "strategy must be 1 to 64 letters, digits, '_', '.' or '-', not '" + s.strategy() + "'"));
        }
        if (required(problems, "symbol", s.symbol()) && !rules.symbols().contains(s.symbol())) {
            problems.add(new Problem("symbol", "UNKNOWN_SYMBOL",
                    "symbol " + s.symbol() + " is not traded here (known: " + String.join(", ", new TreeSet<>(rules.symbols())) + ")"));
        }
        boolean actionKnown = false;
        if (required(problems, "action", s.action())) {
            actionKnown = s.action().equals("BUY") || s.action().equals("SELL");
            if (!actionKnown) {
                problems.add(new Problem("action", "INVALID_ACTION", "action must be BUY or SELL, not '" + s.action() + "'"));
            }
        }
        boolean entry = positive(problems, "entryPrice", s.entryPrice());
        boolean stop = positive(problems, "stopLoss", s.stopLoss());
        boolean target = positive(problems, "target", s.target());
        if (actionKnown && entry) {
            boolean buy = s.action().equals("BUY");
            if (stop && (buy ? s.stopLoss().compareTo(s.entryPrice()) >= 0 : s.stopLoss().compareTo(s.entryPrice()) <= 0)) {
                problems.add(new Problem("stopLoss", "STOP_LOSS_WRONG_SIDE", String.format("for a %s the stop loss (%s) must be %s the entry price (%s)",
                        s.action(), plain(s.stopLoss()), buy ? "below" : "above", plain(s.entryPrice()))));
            }
            if (target && (buy ? s.target().compareTo(s.entryPrice()) <= 0 : s.target().compareTo(s.entryPrice()) >= 0)) {
                problems.add(new Problem("target", "TARGET_WRONG_SIDE", String.format("for a %s the target (%s) must be %s the entry price (%s)",
                        s.action(), plain(s.target()), buy ? "above" : "below", plain(s.entryPrice()))));
            }
        }
        if (required(problems, "signalStrength", s.signalStrength())
                && (s.signalStrength().signum() < 0 || s.signalStrength().compareTo(MAX_STRENGTH) > 0)) {
            problems.add(new Problem("signalStrength", "STRENGTH_OUT_OF_RANGE",
                    "signalStrength must be between 0 and 10, not " + plain(s.signalStrength())));
        }
        if (required(problems, "expectedMovePct", s.expectedMovePct())
                && (s.expectedMovePct().signum() <= 0 || s.expectedMovePct().compareTo(rules.maxExpectedMovePct()) > 0)) {
            problems.add(new Problem("expectedMovePct", "EXPECTED_MOVE_OUT_OF_RANGE", "expectedMovePct must be above 0 and at most "
                    + plain(rules.maxExpectedMovePct()) + ", not " + plain(s.expectedMovePct())));
        }
        if (s.clientSignalId() != null && (s.clientSignalId().isBlank() || s.clientSignalId().length() > MAX_CLIENT_ID)) {
            problems.add(new Problem("clientSignalId", "INVALID_CLIENT_SIGNAL_ID",
                    "clientSignalId must be 1 to " + MAX_CLIENT_ID + " characters when given"));
        }
        if (s.generatedAt() != null) {
            Duration ahead = Duration.between(now, s.generatedAt());
            if (ahead.compareTo(rules.maxClockSkew()) > 0) {
                problems.add(new Problem("generatedAt", "TIME_IN_FUTURE", "generatedAt " + s.generatedAt() + " is " + human(ahead)
                        + " ahead of this service's clock (allowed: " + human(rules.maxClockSkew()) + ")"));
            } else if (ahead.negated().compareTo(rules.maxAge()) > 0) {
                problems.add(new Problem("generatedAt", "SIGNAL_STALE", "generatedAt " + s.generatedAt() + " is " + human(ahead.negated())
                        + " old; signals older than " + human(rules.maxAge()) + " are not traded"));
            }
        }
        return problems;
    }

    private static boolean required(List<Problem> problems, String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            problems.add(new Problem(field, "REQUIRED", field + " is required"));
            return false;
        }
        return true;
    }

    private static boolean positive(List<Problem> problems, String field, BigDecimal value) {
        if (!required(problems, field, value)) {
            return false;
        }
        if (value.signum() <= 0) {
            problems.add(new Problem(field, "NON_POSITIVE_PRICE", field + " must be positive, not " + plain(value)));
            return false;
        }
        return true;
    }

    private static String human(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 3600 == 0 && seconds > 0 ? seconds / 3600 + " h"
                : seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
