package com.alphastocks.testkit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Stands for the process dying at a chosen point: an Error, which no exception handler turns into a DLQ entry, so the
 * stream thread dies there (and, in a {@link TestDeployment#replacingDeadThreads()}, a new one takes over).
 */
public final class SimulatedCrash extends Error {

    public SimulatedCrash(String where) {
        super("simulated crash " + where);
    }

    /**
     * {@code serde}, whose serializer dies once, the first time {@code at} holds for the topic and the value it writes
     * ({@code once} tells whether it has: false after the crash).
     */
    public static <V> Serde<V> dyingOnce(Serde<V> serde, AtomicBoolean once, BiPredicate<String, V> at, String where) {
        return Serdes.serdeFrom((topic, value) -> {
            if (at.test(topic, value) && once.getAndSet(false)) {
                throw new SimulatedCrash(where);
            }
            return serde.serializer().serialize(topic, value);
        }, serde.deserializer());
    }
}
