package com.alphastocks.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.Contracts;
import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.kafka.SharedKafka;

class CatalogueTest {

    @Test
    void shouldGiveEveryContractExactlyOneTopicAndEveryTopicItsOwnName() {
        assertThat(Stream.of(Topic.values()).<Class<?>>map(Topic::eventClass).filter(c -> c != null).toList())
                .containsExactlyInAnyOrderElementsOf(Contracts.EVENTS);
        assertThat(Stream.of(Topic.values()).map(Topic::topicName).distinct()).hasSize(Topic.values().length);
        assertThat(Topic.of(SignalGenerated.class).topicName()).isEqualTo("signal.generated");
    }

    @Test
    void shouldOfferTopicNamesAsConfigurationForChannels() {
        TopicConfigSource source = new TopicConfigSource();

        assertThat(source.getValue("alphastocks.topic.strategy-signals")).isEqualTo("strategy.signals");
        assertThat(source.getValue("alphastocks.topic.dlq")).isEqualTo("alphastocks.dlq");
        assertThat(source.getPropertyNames()).hasSize(Topic.values().length + 1);
        assertThat(source.getValue(TopicConfigSource.OUTCOME_EVENTS).split(",")).as("every event topic but the inbound two")
                .containsExactly("signal.generated", "signal.rejected", "signal.activated", "signal.updated", "signal.completed",
                        "signal.stopped", "position.opened", "position.updated", "position.closed", "trade.executed", "trade.exit",
                        "order.placed", "order.filled", "order.cancelled", "order.rejected", "day.ended", "trading.state",
                        "reconciliation.breaks");
    }

    @Test
    void shouldRoundDecimalsToTheScaleTheContractsDeclare() {
        Schema price = SignalGenerated.getClassSchema().getField("entryPrice").schema();

        assertThat(((LogicalTypes.Decimal) price.getLogicalType()).getScale()).isEqualTo(Decimals.SCALE);
        assertThat(Decimals.of("21500.123456")).hasToString("21500.1235");
    }

    @Test
    void shouldDeriveTheSameEventIdFromTheSameDecisionOnly() {
        String once = EventIds.derived(EventType.ORDER_PLACED, "sig-1", "entry");

        assertThat(EventIds.derived(EventType.ORDER_PLACED, "sig-1", "entry")).isEqualTo(once);
        assertThat(EventIds.derived(EventType.ORDER_PLACED, "sig-2", "entry")).isNotEqualTo(once);
        assertThat(EventIds.derived(EventType.ORDER_FILLED, "sig-1", "entry")).isNotEqualTo(once);
    }

    @Test
    void shouldCreateEveryMissingTopicOnceWithTheConfiguredPartitions() throws Exception {
        try (ClusterAdmin admin = ClusterAdmin.at(SharedKafka.bootstrapServers())) {
            List<String> first = admin.ensureCatalogue(6, (short) 1);
            List<String> second = admin.ensureCatalogue(6, (short) 1);

            Set<String> catalogue = Stream.of(Topic.values()).map(Topic::topicName).collect(Collectors.toSet());
            assertThat(admin.topicNames()).containsAll(catalogue);
            assertThat(first).containsExactlyInAnyOrderElementsOf(catalogue);
            assertThat(second).isEmpty();
            assertThat(admin.describe("signal.generated").partitions()).hasSize(6);
        }
    }

    @Test
    void shouldNameTheSettingThatIsNoTopicLayout() {
        try (ClusterAdmin admin = ClusterAdmin.at(SharedKafka.bootstrapServers())) {
            assertThatThrownBy(() -> admin.ensureCatalogue(Map.of("alphastocks.topics.partitions", "six")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("alphastocks.topics.partitions must be a whole number from 1 to 32767, not 'six'");
            assertThatThrownBy(() -> admin.ensureCatalogue(Map.of("alphastocks.topics.replication-factor", "0")))
                    .hasMessage("alphastocks.topics.replication-factor must be a whole number from 1 to 32767, not '0'");
            assertThatThrownBy(() -> admin.ensureCatalogue(Map.of("alphastocks.topics.partitions", "70000")))
                    .hasMessageContaining("not '70000'");
        }
    }
}
