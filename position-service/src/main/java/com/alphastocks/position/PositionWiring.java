package com.alphastocks.position;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.alphastocks.orders.GatewaySettings;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.position.book.CloseRequest;
import com.alphastocks.position.book.ClosedPosition;
import com.alphastocks.position.book.PositionBookProcessor;
import com.alphastocks.position.book.PositionTopology;
import com.alphastocks.position.trading.ChargeRates;
import com.alphastocks.position.trading.ExitEngine;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.position.wire.PositionEvents;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

/** Builds the position book from its configuration. */
@ApplicationScoped
public class PositionWiring {

    @Produces
    Topology topology(PositionSettings settings, GatewaySettings gateway, Envelope envelope, MeterRegistry metrics, ObjectMapper json,
                      WireSettings wire,
                      @ConfigProperty(name = "alphastocks.topics.partitions", defaultValue = "6") int partitions) {
        GatewaySettings.check(gateway);
        var c = settings.charges();
        ChargeRates rates = new ChargeRates(c.brokeragePerOrder(), c.sttOnSellPct(), c.exchangeChargesPct(), c.sebiFeesPerCrore(),
                c.gstPct(), c.stampDutyOnBuyPct());
        return PositionTopology.build(new ExitEngine(new ExitEngine.Settings(settings.exchangeZone(), settings.expiryDayExitTime())),
                new PositionEvents(envelope, rates), (ledger, quotes) -> GatewaySettings.create(gateway, ledger, quotes),
                new PositionBookProcessor.Settings(settings.updateEvery(), settings.staleAfter(), settings.reconcileEvery()), metrics, partitions,
                EventSerde.events(wire), new ObjectMapperSerde<>(OpenPosition.class, json),
                new ObjectMapperSerde<>(ClosedPosition.class, json), new ObjectMapperSerde<>(OrderResult.class, json),
                new ObjectMapperSerde<>(CloseRequest.class, json));
    }
}
