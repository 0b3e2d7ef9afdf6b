package com.alphastocks.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;

import com.alphastocks.analytics.score.Funnel;
import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.score.MlRow;
import com.alphastocks.analytics.score.OpenPosition;
import com.alphastocks.analytics.score.Scorecard;
import com.alphastocks.analytics.score.Trade;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.contracts.RejectionStage;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

/** Builds the analytics topology from its configuration. */
@ApplicationScoped
public class AnalyticsWiring {

    @Produces
    Topology topology(AnalyticsSettings settings, ObjectMapper json, WireSettings wire) {
        return AnalyticsTopology.build(serdes(json, wire), settings.exchangeZone(),
                settings.historyLimit());
    }

    /** The serdes of the analytics stores: events as on the wire, everything else as JSON. */
    public static AnalyticsTopology.AnalyticsSerdes serdes(ObjectMapper json, WireSettings wire) {
        return new AnalyticsTopology.AnalyticsSerdes(EventSerde.events(wire), EventSerde.of(Topic.SIGNAL_GENERATED, wire),
                EventSerde.of(Topic.MARKET_TICKS, wire), new ObjectMapperSerde<>(Trade.class, json),
                new ObjectMapperSerde<>(Scorecard.class, json), new ObjectMapperSerde<>(Funnel.Step.class, json),
                new ObjectMapperSerde<>(RejectionStage.class, json), new ObjectMapperSerde<>(Funnel.class, json),
                new ObjectMapperSerde<>(MlRow.class, json), new ObjectMapperSerde<>(HistoryEntry.class, json),
                new ObjectMapperSerde<>(OpenPosition.class, json), new ObjectMapperSerde<>(java.math.BigDecimal.class, json));
    }
}
