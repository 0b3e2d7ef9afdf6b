package com.alphastocks.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

/**
 * The event contracts: every record that travels on a topic, and every released version of each.
 * Released versions live in this jar under {@code contracts/released/<Name>/v<N>.avsc}, self-contained.
 */
public final class Contracts {

    /** Every top-level record published on a topic. One list: the check and the wire both read it. */
    public static final List<Class<? extends SpecificRecord>> EVENTS = List.of(
            StrategySignal.class, MarketTick.class,
            SignalGenerated.class, SignalRejected.class, SignalActivated.class, SignalUpdated.class,
            SignalCompleted.class, SignalStopped.class,
            PositionOpened.class, PositionUpdated.class, PositionClosed.class,
            TradeExecuted.class, TradeExit.class,
            OrderPlaced.class, OrderFilled.class, OrderCancelled.class, OrderRejected.class,
            DayEnded.class, TradingStateChanged.class, ReconciliationBreak.class);

    static final String RELEASED = "contracts/released/";

    private Contracts() {
    }

    public static Schema currentSchema(Class<? extends SpecificRecord> event) {
        try {
            return (Schema) event.getMethod("getClassSchema").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(event + " is not a generated Avro record", e);
        }
    }

    /** Released versions of one contract, oldest first (v1, v2, ...). */
    public static List<Schema> released(String simpleName) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = Contracts.class.getClassLoader();
        for (int v = 1; ; v++) {
            try (InputStream in = loader.getResourceAsStream(RELEASED + simpleName + "/v" + v + ".avsc")) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released contract " + simpleName + " v" + v, e);
            }
        }
    }

    /** Every schema a producer may have written with: all released versions and the current one of each event. */
    public static List<Schema> allVersions() {
        List<Schema> all = new ArrayList<>();
        for (Class<? extends SpecificRecord> event : EVENTS) {
            Schema current = currentSchema(event);
            all.add(current);
            all.addAll(released(current.getName()));
        }
        return all;
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
