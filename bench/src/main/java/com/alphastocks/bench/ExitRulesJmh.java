package com.alphastocks.bench;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.alphastocks.position.trading.ExitEngine;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.wire.PositionEvents;
import com.alphastocks.streams.Envelope;

/**
 * The hot exit-rule code alone: one position judged on one tick (stop, targets, trailing stop, time), no Kafka. The
 * prices walk inside the position's band, so no tick exits and every rule is looked at.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExitRulesJmh {

    private static final int PRICES = 1024;

    private ExitEngine engine;
    private OpenPosition position;
    private final BigDecimal[] prices = new BigDecimal[PRICES];
    private Instant at;
    private int next;

    @Setup
    public void setUp() {
        engine = new ExitEngine(new ExitEngine.Settings(ZoneId.of("Asia/Kolkata"), LocalTime.of(14, 30)));
        position = PositionEvents.position(PositionTickBench.position(new Envelope("bench", Clock.systemUTC()), "jmh-signal", "NIFTY25D0921500CE"));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < PRICES; i++) {
            prices[i] = BigDecimal.valueOf(9_000 + random.nextInt(2_000), 2); // 90.00 to 109.99: between stop 50 and target 200
        }
        at = Instant.parse("2025-12-03T05:00:00Z");
    }

    @Benchmark
    public ExitEngine.Verdict judgeOneTick() {
        return engine.onTick(position, prices[next++ & (PRICES - 1)], at);
    }
}
