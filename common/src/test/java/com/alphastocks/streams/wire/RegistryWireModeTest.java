package com.alphastocks.streams.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.Contracts;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.registry.SharedRegistry;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.ContractSamples;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Samples;
import com.alphastocks.streams.Topic;

import io.apicurio.registry.client.RegistryClientFactory;
import io.apicurio.registry.client.common.RegistryClientOptions;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.models.Rule;
import io.apicurio.registry.rest.client.models.RuleType;
import io.apicurio.registry.rest.client.models.VersionMetaData;

/** The registry wire mode against a real Apicurio Registry (and, where a topic is involved, the real test broker). */
class RegistryWireModeTest {

    private static WireSettings wire;
    private static RegistryClient registry;

    @BeforeAll
    static void registry() {
        wire = WireSettings.registry(SharedRegistry.url());
        registry = RegistryClientFactory.create(RegistryClientOptions.create(SharedRegistry.url()));
        RegistryCompatibility.ensure(wire.registryUrl(), RegistryCompatibility.DEFAULT_LEVEL);
    }

    @Test
    void shouldWriteEveryContractThroughTheRegistryAndReadEveryFieldBack() throws Exception {
        EventSerializer writer = serializer(wire);
        EventDeserializer reader = deserializer(wire);

        for (SpecificRecord sent : ContractSamples.everyContract()) {
            String topic = Topic.of(sent.getClass()).topicName();
            byte[] bytes = writer.serialize(topic, sent);
            int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            VersionMetaData registered = latest(topic + "-value");

            assertThat(bytes[0]).as("Confluent's magic byte").isEqualTo((byte) 0);
            assertThat(reader.deserialize(topic, bytes)).as(topic).isEqualTo(sent);
            assertThat((long) id).as("the frame's id is the version's content id").isEqualTo(registered.getContentId());
            assertThat(new Schema.Parser().parse(content(id))).as("registered whole, under the topic's subject")
                    .isEqualTo(sent.getSchema());
        }
    }

    @Test
    void shouldSetTheRegistrysCompatibilityRuleToBackwardAndLeaveAnOperatorsRuleAlone() {
        RegistryCompatibility.Outcome again = RegistryCompatibility.ensure(wire.registryUrl(), "BACKWARD");
        Rule rule = registry.admin().rules().byRuleType(RuleType.COMPATIBILITY.getValue()).get();

        assertThat(rule.getConfig()).isEqualTo("BACKWARD");
        assertThat(again).isEqualTo(new RegistryCompatibility.Outcome("BACKWARD", false));

        Rule operators = new Rule();
        operators.setConfig("FULL");
        registry.admin().rules().byRuleType(RuleType.COMPATIBILITY.getValue()).put(operators);
        try {
            assertThat(RegistryCompatibility.ensure(wire.registryUrl(), "BACKWARD")).isEqualTo(new RegistryCompatibility.Outcome("FULL", false));
        } finally {
            operators.setConfig("BACKWARD");
            registry.admin().rules().byRuleType(RuleType.COMPATIBILITY.getValue()).put(operators);
        }
    }

    @Test
    void shouldFailWithTheReasonWhenTheRegistryTakesTheConnectionButNeverAnswers() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = Collections.synchronizedList(new ArrayList<>());
            Thread accepting = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/apis/registry/v3";

            assertThatThrownBy(() -> RegistryCompatibility.ensure(io.apicurio.registry.client.common.DefaultVertxInstance.get(), url, "BACKWARD", 1, 100))
                    .as("an error, not a start that hangs for ever")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the registry at " + url + " did not answer within 1 s, 3 times (its compatibility rule)");
            assertThat(held).as("asked three times").hasSize(3);
        }
    }

    @Test
    void shouldRegisterACompatibleNewVersionAndReadEachVersionsEventsWithTheOthersReader() throws Exception {
        String topic = "compatible." + System.nanoTime() + ".position.opened";
        Schema v1 = Contracts.released("PositionOpened").get(0);
        Schema v2 = PositionOpened.getClassSchema();
        PositionOpened current = Samples.positionOpened();
        EventSerializer writer = serializer(wire);
        EventDeserializer reader = deserializer(wire);

        byte[] writtenWithV1 = writer.serialize(topic, new OtherVersion((GenericData.Record) ContractSamples.asVersion(current, v1)));
        byte[] writtenWithV2 = writer.serialize(topic, current);
        PositionOpened v2ReadsV1 = (PositionOpened) reader.deserialize(topic, writtenWithV1);
        GenericRecord v1ReadsV2 = readAs(v1, writtenWithV2);

        assertThat(latest(topic + "-value").getVersion()).as("v2 registered beside v1").isEqualTo("2");
        assertThat(v1.getField("exitRules").schema().getField("trailingLockPct")).as("v1 predates the field").isNull();
        assertThat(v2.getField("exitRules").schema().getField("trailingLockPct")).isNotNull();
        assertThat(v2ReadsV1.getExitRules().getTrailingLockPct()).isNull();
        assertThat(v2ReadsV1.getEntryPremium()).isEqualTo(current.getEntryPremium());
        assertThat(v2ReadsV1.getMetadata()).isEqualTo(current.getMetadata());
        assertThat(v1ReadsV2.get("entryPremium")).isEqualTo(current.getEntryPremium());
        assertThat(((GenericRecord) v1ReadsV2.get("exitRules")).get("stopLossPremium")).isEqualTo(current.getExitRules().getStopLossPremium());
        assertThat(((GenericRecord) v1ReadsV2.get("exitRules")).hasField("trailingLockPct")).isFalse();
    }

    @Test
    void shouldRefuseAnIncompatibleVersionWithTheRegistrysAnswer() throws Exception {
        String topic = "incompatible." + System.nanoTime() + ".position.opened";
        EventSerializer writer = serializer(wire);
        writer.serialize(topic, Samples.positionOpened());
        // A new field without a default: a reader of it cannot read what the version before it wrote.
        Schema withRequiredField = withField(PositionOpened.getClassSchema(), new Schema.Field("desk", Schema.create(Schema.Type.STRING)));
        GenericData.Record event = (GenericData.Record) ContractSamples.asVersion(Samples.positionOpened(), PositionOpened.getClassSchema());
        GenericData.Record incompatible = new GenericData.Record(withRequiredField);
        event.getSchema().getFields().forEach(f -> incompatible.put(f.name(), event.get(f.name())));
        incompatible.put("desk", "options-1");

        HttpResponse<String> confluentClient = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(SharedRegistry.registry().confluentUrl() + "/subjects/" + topic + "-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":" + quoted(withRequiredField.toString()) + "}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThatThrownBy(() -> writer.serialize(topic, new OtherVersion(incompatible)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot write PositionOpened on " + topic + " through the schema registry: the registry answered")
                .hasMessageContaining("Incompatible artifact")
                .hasMessageContaining("desk");
        assertThat(confluentClient.statusCode()).as("what a Confluent client is told").isEqualTo(409);
        assertThat(latest(topic + "-value").getVersion()).as("nothing registered").isEqualTo("1");
    }

    @Test
    void shouldReadBothFramingsOnOneTopicWithEveryKindOfConsumer() throws Exception {
        String topic = "framings." + System.nanoTime() + ".signal.generated";
        try (ClusterAdmin admin = ClusterAdmin.at(SharedKafka.bootstrapServers())) {
            admin.ensureTopic(topic, Optional.of(1), Map.of());
        }
        SignalGenerated embedded = Samples.signalGenerated("sig-embedded");
        SignalGenerated framed = Samples.signalGenerated("sig-registry");
        try (KafkaProducer<String, Object> before = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
             KafkaProducer<String, Object> after = EventClients.producer(SharedKafka.bootstrapServers(), wire)) {
            before.send(new ProducerRecord<>(topic, "sig-embedded", embedded)).get();
            after.send(new ProducerRecord<>(topic, "sig-registry", framed)).get();
        }

        List<Object> plainConsumer;
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers(), wire)) {
            plainConsumer = EventClients.readAll(reader, topic).stream().map(ConsumerRecord::value).toList();
        }
        List<Object> channelConsumer = new ArrayList<>();
        try (UndecodableRecord.Tolerant channel = new UndecodableRecord.Tolerant();
             KafkaConsumer<String, byte[]> raw = EventClients.rawReader(SharedKafka.bootstrapServers())) {
            channel.configure(wire.serdeConfig(), false);
            EventClients.readAll(raw, topic).forEach(r -> channelConsumer.add(channel.deserialize(topic, r.headers(), r.value())));
        }
        List<Object> streamsConsumer = readWithKafkaStreams(topic, 2);

        assertThat(plainConsumer).containsExactly(embedded, framed);
        assertThat(channelConsumer).as("Reactive Messaging's deserializer (notification-service)").containsExactly(embedded, framed);
        assertThat(streamsConsumer).as("Kafka Streams' serde").containsExactly(embedded, framed);
    }

    @Test
    void shouldKeepAKafkaStreamsServicesOwnTopicsSingleObjectWhereSeveralContractsShareOne() {
        EventSerializer writer = serializer(wire);
        String repartition = "analytics-service-history-by-type-repartition";

        byte[] signal = writer.serialize(repartition, Samples.signalGenerated("sig-4"));
        var sentTick = Samples.optionTick();
        byte[] tick = writer.serialize(repartition, sentTick);
        byte[] changelog = writer.serialize("executor-service-decisions-changelog", Samples.signalGenerated("sig-4"));

        for (byte[] bytes : List.of(signal, tick, changelog)) {
            assertThat(bytes[0]).as("single-object marker").isEqualTo((byte) 0xC3);
        }
        assertThat(deserializer(wire).deserialize(repartition, tick)).isEqualTo(sentTick);
        assertThatThrownBy(() -> latest(repartition + "-value")).as("no subject for a service's own topic").isNotNull();
    }

    @Test
    void shouldSayWhatIsMissingWhenARegistryFramedRecordMeetsAReaderWithoutRegistry() {
        byte[] framed = serializer(wire).serialize("signal.generated", Samples.signalGenerated("sig-3"));

        assertThatThrownBy(() -> deserializer(WireSettings.EMBEDDED).deserialize("signal.generated", framed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no apicurio.registry.url is configured");
    }

    @Test
    void shouldRefuseAnEventOfAnotherContractThanItsTopicInTheRegistryFramingToo() {
        byte[] tick = serializer(wire).serialize("market.ticks", Samples.optionTick());

        assertThatThrownBy(() -> deserializer(wire).deserialize("signal.generated", tick))
                .isInstanceOf(SerializationException.class)
                .hasMessage("record on signal.generated is a MarketTick, not a SignalGenerated (the topic's contract)");
    }

    private static List<Object> readWithKafkaStreams(String topic, int expected) throws Exception {
        List<Object> read = Collections.synchronizedList(new ArrayList<>());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), EventSerde.events(wire))).foreach((key, value) -> read.add(value));
        Properties props = new Properties();
        props.putAll(KafkaConnection.plain(SharedKafka.bootstrapServers()));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "registry-wire-" + System.nanoTime());
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("registry-wire-streams").toString());
        props.put("consumer.auto.offset.reset", "earliest");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        return List.copyOf(read);
    }

    private static GenericRecord readAs(Schema reader, byte[] framed) throws Exception {
        Schema writer = new Schema.Parser().parse(content(ByteBuffer.wrap(framed, 1, 4).getInt()));
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        return new GenericDatumReader<GenericRecord>(writer, reader, model)
                .read(null, DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
    }

    private static String content(long contentId) throws Exception {
        try (InputStream in = registry.ids().contentIds().byContentId(contentId).get()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static VersionMetaData latest(String artifactId) {
        return registry.groups().byGroupId("default").artifacts().byArtifactId(artifactId).versions()
                .byVersionExpression("branch=latest").get();
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Schema withField(Schema schema, Schema.Field added) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(added);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static EventSerializer serializer(WireSettings settings) {
        EventSerializer serializer = new EventSerializer();
        serializer.configure(settings.serdeConfig(), false);
        return serializer;
    }

    private static EventDeserializer deserializer(WireSettings settings) {
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.configure(settings.serdeConfig(), false);
        return deserializer;
    }

    /** An event under a schema the build has no class for (another version of a contract), as the serializer takes it. */
    private static final class OtherVersion implements SpecificRecord {

        private final GenericData.Record data;

        OtherVersion(GenericData.Record data) {
            this.data = data;
        }

        @Override
        public Schema getSchema() {
            return data.getSchema();
        }

        @Override
        public Object get(int i) {
            return data.get(i);
        }

        @Override
        public void put(int i, Object v) {
            data.put(i, v);
        }
    }
}
