package com.alphastocks.signal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

import com.alphastocks.signal.ledger.SignalLedger;
import com.alphastocks.signal.ledger.SignalMetrics;
import com.alphastocks.signal.ledger.SignalTopology;
import com.alphastocks.signal.trading.SignalValidator;
import com.alphastocks.signal.trading.SignalView;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

/** Wires the signal topology for Quarkus' Kafka Streams. */
@ApplicationScoped
public class SignalWiring {

    @Produces
    Topology topology(SignalRules rules, Envelope envelope, MeterRegistry registry, ObjectMapper json,
                      WireSettings wire) {
        SignalLedger ledger = new SignalLedger(new SignalValidator(rules), rules, envelope);
        Serde<SignalView> views = new ObjectMapperSerde<>(SignalView.class, json);
        return SignalTopology.build(ledger, rules, new SignalMetrics(registry), EventSerde.events(wire), views);
    }
}
