package com.alphastocks.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class ContractCheckTest {

    private static final Schema RELEASED_SIGNAL = Contracts.released("SignalGenerated").get(0);

    @Test
    void shouldFindEveryContractCompatibleWithAllItsReleasedVersions() {
        for (var event : Contracts.EVENTS) {
            Schema current = Contracts.currentSchema(event);
            List<Schema> released = Contracts.released(current.getName());
            assertThat(released).as("released versions of %s", current.getName()).isNotEmpty();
            assertThat(ContractCheck.check(current, released)).as(current.getName()).isEmpty();
        }
    }

    @Test
    void shouldRefuseANewFieldWithoutDefault() {
        Schema changed = withExtraField(RELEASED_SIGNAL, "{\"name\": \"venue\", \"type\": \"string\"}");

        assertThat(ContractCheck.check(changed, List.of(RELEASED_SIGNAL)))
                .singleElement().asString()
                .contains("SignalGenerated cannot read v1", "READER_FIELD_MISSING_DEFAULT_VALUE", "venue");
    }

    @Test
    void shouldAcceptANewFieldWithDefault() {
        Schema changed = withExtraField(RELEASED_SIGNAL,
                "{\"name\": \"venue\", \"type\": [\"null\", \"string\"], \"default\": null}");

        assertThat(ContractCheck.check(changed, List.of(RELEASED_SIGNAL))).isEmpty();
    }

    @Test
    void shouldRefuseAPriceTurnedIntoAnInteger() {
        Schema changed = new Schema.Parser().parse(RELEASED_SIGNAL.toString()
                .replaceFirst("\"name\":\"entryPrice\",\"type\":\\{[^}]*\\}", "\"name\":\"entryPrice\",\"type\":\"int\""));

        assertThat(ContractCheck.check(changed, List.of(RELEASED_SIGNAL)))
                .anySatisfy(p -> assertThat(p).contains("TYPE_MISMATCH", "entryPrice"));
    }

    @Test
    void shouldRefuseDroppingAnEnumSymbolOldEventsCarry() {
        Schema oldPriority = SchemaBuilder.enumeration("Priority").namespace("com.alphastocks.contracts")
                .symbols("CRITICAL", "HIGH", "NORMAL", "LOW");
        Schema newPriority = SchemaBuilder.enumeration("Priority").namespace("com.alphastocks.contracts")
                .symbols("CRITICAL", "NORMAL");

        assertThat(ContractCheck.incompatibilities(newPriority, oldPriority))
                .singleElement().asString().contains("MISSING_ENUM_SYMBOLS", "HIGH", "LOW");
    }

    @Test
    void shouldListEveryEventRecordOfTheSourcesAsAContract() throws IOException {
        Set<String> listed = Contracts.EVENTS.stream().map(Class::getSimpleName).collect(Collectors.toSet());
        try (Stream<Path> sources = Files.list(Path.of("src/main/avro"))) {
            Set<String> events = sources.filter(p -> read(p).contains("\"name\": \"metadata\""))
                    .map(p -> p.getFileName().toString().replace(".avsc", ""))
                    .collect(Collectors.toSet());
            assertThat(listed).isEqualTo(events);
        }
    }

    @Test
    void shouldKeepEveryReleasedVersionInTheJarWithItsFingerprint() {
        List<Schema> all = Contracts.allVersions();
        assertThat(all).hasSizeGreaterThanOrEqualTo(2 * Contracts.EVENTS.size());
        assertThat(all).extracting(Contracts::fingerprint).contains(Contracts.fingerprint(RELEASED_SIGNAL));
    }

    private static Schema withExtraField(Schema schema, String fieldJson) {
        String json = schema.toString();
        return new Schema.Parser().parse(json.substring(0, json.lastIndexOf(']')) + "," + fieldJson + "]}");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
