package com.alphastocks.signal.ledger;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What became of the signals, by strategy: {@code alphastocks_signals_total{outcome,strategy}} with outcome
 * generated, rejected, retry, redelivered (received = all of those), and the lifecycle verdicts.
 */
public class SignalMetrics {

    public static final String NAME = "alphastocks.signals";

    private final MeterRegistry registry;

    public SignalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(SignalLedger.Verdict verdict, String strategy) {
        registry.counter(NAME, "outcome", verdict.name().toLowerCase(Locale.ROOT),
                "strategy", strategy == null ? "unknown" : strategy).increment();
    }
}
