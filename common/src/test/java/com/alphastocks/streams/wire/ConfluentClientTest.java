package com.alphastocks.streams.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.registry.SharedRegistry;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.ContractSamples;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Another team's consumer: Confluent's own Schema Registry client for JavaScript (clients/confluent-js, from npm) reads
 * one event of each of the contracts (20) that our registry mode wrote, through the registry's Confluent-compatible API,
 * and every field it decodes must be the field we sent (money as exact decimals). Needs Node.js and npm; skipped, with
 * the reason, where they are missing, unless ALPHASTOCKS_CONFLUENT_REQUIRED=true (CI), where it fails instead.
 */
class ConfluentClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Test
    void shouldLetConfluentsOwnClientDecodeEveryFieldOfEveryContractWeWrite() throws Exception {
        Path client = installedClient();
        WireSettings wire = WireSettings.registry(SharedRegistry.url());
        RegistryCompatibility.ensure(wire.registryUrl(), RegistryCompatibility.DEFAULT_LEVEL);
        String prefix = "confluent-" + System.nanoTime() + ".";
        List<SpecificRecord> sent = ContractSamples.everyContract();
        try (ClusterAdmin admin = ClusterAdmin.at(SharedKafka.bootstrapServers())) {
            sent.forEach(e -> admin.ensureTopic(prefix + Topic.of(e.getClass()).topicName(), Optional.of(1), Map.of()));
        }
        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), wire)) {
            for (SpecificRecord event : sent) {
                producer.send(new ProducerRecord<>(prefix + Topic.of(event.getClass()).topicName(), "key", event)).get();
            }
        }
        groupCoordinatorUp(prefix + Topic.MARKET_TICKS.topicName());

        Map<String, JsonNode> read = run(client, "node", "read-topics.mjs", "--bootstrap", SharedKafka.bootstrapServers(),
                "--registry", SharedRegistry.registry().confluentUrl(), "--prefix", prefix, "--require", "all");

        assertThat(read).hasSize(ContractSamples.everyContract().size());
        for (SpecificRecord event : sent) {
            String topic = Topic.of(event.getClass()).topicName();
            JsonNode seen = read.get(topic);
            assertThat(seen.path("event")).as(topic + " as Confluent's client decodes it").isEqualTo(asConfluentSeesIt(event));
            assertThat(seen.path("schemaId").asInt()).as(topic + ": the record's id is the subject's latest (content) id")
                    .isEqualTo(seen.path("latestId").asInt());
        }
    }

    /** The event as read-topics.mjs prints it: decimals as exact strings, times ISO-8601, enums by symbol. */
    static JsonNode asConfluentSeesIt(Object value) {
        return view(value, value instanceof IndexedRecord r ? r.getSchema() : null);
    }

    private static JsonNode view(Object value, Schema schema) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (schema.getType() == Schema.Type.UNION) {
            return view(value, schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow());
        }
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
            return nodes.textNode(((BigDecimal) value).toPlainString());
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode fields = nodes.objectNode();
            schema.getFields().forEach(f -> fields.set(f.name(), view(record.get(f.pos()), f.schema())));
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode entries = nodes.objectNode();
            map.forEach((k, v) -> entries.set(k.toString(), view(v, schema.getValueType())));
            return entries;
        }
        if (value instanceof List<?> list) {
            var items = nodes.arrayNode();
            list.forEach(item -> items.add(view(item, schema.getElementType())));
            return items;
        }
        if (value instanceof Instant instant) {
            return nodes.textNode(MICROS.format(instant));
        }
        if (value instanceof LocalTime time) {
            return nodes.textNode(MILLIS_OF_DAY.format(time));
        }
        if (value instanceof LocalDate || value instanceof Enum<?> || value instanceof CharSequence) {
            return nodes.textNode(value.toString());
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return JSON.valueToTree(value);
        }
        throw new IllegalArgumentException("no view of " + value.getClass() + " (" + schema + ")");
    }

    private static Map<String, JsonNode> run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("confluent-read-", ".jsonl");
        Path err = Files.createTempFile("confluent-read-", ".log");
        // Neither the test JVM's stdin (Surefire's channel: node would make it non-blocking) nor its stdout.
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        System.out.print(Files.readString(err));
        assertThat(finished).as("read-topics.mjs finished").isTrue();
        assertThat(process.exitValue()).as("read-topics.mjs exit status (its problems are printed above)").isZero();
        Map<String, JsonNode> byTopic = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            byTopic.put(record.path("topic").asText(), record);
        }
        return byTopic;
    }

    /**
     * A consumer group joined once on the test broker: a fresh broker makes its offsets topic (and so its group
     * coordinator) at the first group, which kafkajs waited for minutes in a test JVM whose broker had seen none.
     */
    private static void groupCoordinatorUp(String topic) {
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers(), "group.id", "confluent-client-test-warm-up"),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(java.time.Duration.ofMillis(200));
            }
            consumer.commitSync();
        }
    }

    /** clients/confluent-js with its packages installed (npm ci on first use), or the test skipped (failed in CI) saying why. */
    private static Path installedClient() throws IOException, InterruptedException {
        boolean required = "true".equals(System.getenv("ALPHASTOCKS_CONFLUENT_REQUIRED"));
        Path client = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && client == null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("clients/confluent-js/read-topics.mjs"))) {
                client = dir.resolve("clients/confluent-js");
            }
        }
        String missing = client == null ? "clients/confluent-js is not in this checkout"
                : !onPath("node") || !onPath("npm") ? "Node.js and npm are needed to run Confluent's JavaScript client" : null;
        if (missing == null && !Files.isDirectory(client.resolve("node_modules/@confluentinc/schemaregistry"))) {
            System.out.println("[confluent-js] npm ci in " + client + " (Confluent's Schema Registry client and kafkajs, once)");
            Path log = Files.createTempFile("confluent-npm-", ".log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(client.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            npm.getOutputStream().close();
            boolean installed = npm.waitFor(300, TimeUnit.SECONDS) && npm.exitValue() == 0;
            System.out.print(Files.readString(log));
            if (!installed) {
                missing = "npm ci in " + client + " failed (is the npm registry reachable?), see above";
            }
        }
        if (missing != null) {
            if (required) {
                throw new AssertionError("ALPHASTOCKS_CONFLUENT_REQUIRED=true, but " + missing);
            }
            Assumptions.abort(missing);
        }
        return client;
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
