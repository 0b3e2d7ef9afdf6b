package com.alphastocks.streams.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

import com.alphastocks.contracts.Contracts;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.streams.ContractSamples;
import com.alphastocks.streams.Samples;

class WireModesTest {

    private static final String TOPIC = "signal.generated";

    @Test
    void shouldWriteSingleObjectAvroAndReadTheSameEventBackInEmbeddedMode() {
        SignalGenerated sent = Samples.signalGenerated("sig-1");

        byte[] bytes = serializer(Map.of()).serialize(TOPIC, sent);
        Object read = new EventDeserializer().deserialize(TOPIC, bytes);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(read).isInstanceOf(SignalGenerated.class).isEqualTo(sent);
        assertThat(((SignalGenerated) read).getEntryPrice()).hasToString("21500.0500");
    }

    @Test
    void shouldCarryNullableDecimalsDatesAndTimesExactly() {
        var tick = Samples.optionTick();
        var position = Samples.positionOpened();

        assertThat(roundTrip(tick)).isEqualTo(tick);
        assertThat(roundTrip(position)).isEqualTo(position);
        assertThat(((MarketTick) roundTrip(tick)).getAsk()).isNull();
    }

    @Test
    void shouldReadAnEventWrittenWithAnOlderReleasedVersionIntoTheCurrentClass() throws Exception {
        PositionOpened current = Samples.positionOpened();
        Schema v1 = Contracts.released("PositionOpened").get(0);
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(model, v1).encode((GenericRecord) ContractSamples.asVersion(current, v1), out);

        PositionOpened read = (PositionOpened) new EventDeserializer().deserialize("position.opened", out.toByteArray());

        assertThat(v1.getField("exitRules").schema().getField("trailingLockPct")).as("v1 predates the field").isNull();
        assertThat(read.getExitRules().getTrailingLockPct()).isNull();
        assertThat(read.getExitRules().getStopLossPremium()).isEqualTo(current.getExitRules().getStopLossPremium());
        assertThat(read.getMetadata()).isEqualTo(current.getMetadata());
    }

    @Test
    void shouldRefuseBytesThatAreNoEventNamingTheTopic() {
        byte[] garbage = "{\"symbol\":\"NIFTY\"}".getBytes();

        assertThatThrownBy(() -> new EventDeserializer().deserialize("strategy.signals", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("strategy.signals")
                .hasMessageContaining("not an AlphaStocks event");
    }

    @Test
    void shouldRefuseAnEventOfAnotherContractThanItsTopics() {
        byte[] tick = serializer(Map.of()).serialize("market.ticks", Samples.optionTick());

        assertThatThrownBy(() -> new EventDeserializer().deserialize(TOPIC, tick))
                .isInstanceOf(SerializationException.class)
                .hasMessage("record on signal.generated is a MarketTick, not a SignalGenerated (the topic's contract)");
        assertThat(new EventDeserializer().deserialize("market.ticks", tick)).as("on its own topic").isInstanceOf(MarketTick.class);
    }

    @Test
    void shouldRefuseAFingerprintOfNoKnownContract() {
        byte[] forged = serializer(Map.of()).serialize(TOPIC, Samples.signalGenerated("sig-1"));
        ByteBuffer.wrap(forged, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1234_5678_9abc_def0L);

        assertThatThrownBy(() -> new EventDeserializer().deserialize(TOPIC, forged))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("123456789abcdef0")
                .hasMessageContaining("no version of any AlphaStocks contract");
    }

    @Test
    void shouldPassBytesThroughSoThatUnreadableRecordsReachTheDlqAsTheyCame() {
        byte[] original = {1, 2, 3};

        assertThat(serializer(Map.of()).serialize("alphastocks.dlq", original)).isSameAs(original);
    }

    @Test
    void shouldRefuseAnUnknownWireModeWithTheSettingsName() {
        assertThatThrownBy(() -> serializer(Map.of(WireMode.CONFIG, "confluent")))
                .hasMessage("alphastocks.wire-mode must be 'embedded' or 'registry', not 'confluent'");
    }

    @Test
    void shouldRefuseTheRegistryModeWithoutARegistryToTalkTo() {
        assertThatThrownBy(() -> WireSettings.of("registry", " "))
                .hasMessageContaining("alphastocks.wire-mode is registry, but no alphastocks.registry.url is set");
        assertThatThrownBy(() -> serializer(Map.of(WireMode.CONFIG, "registry")))
                .hasMessageContaining("alphastocks.wire-mode is registry, but no apicurio.registry.url is configured");
    }

    private static EventSerializer serializer(Map<String, ?> configs) {
        EventSerializer serializer = new EventSerializer();
        serializer.configure(configs, false);
        return serializer;
    }

    private static Object roundTrip(Object event) {
        return new EventDeserializer().deserialize("any", serializer(Map.of()).serialize("any", event));
    }
}
