package com.alphastocks.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.specific.SpecificRecord;

/**
 * Proves every contract backward compatible: the current schema must read data written with each released version.
 * {@code check} runs in every build; {@code release DIR} snapshots changed contracts as new versions.
 */
public final class ContractCheck {

    private ContractCheck() {
    }

    /** Why {@code reader} cannot read data written with {@code writer}; empty when it can. */
    public static List<String> incompatibilities(Schema reader, Schema writer) {
        List<String> problems = new ArrayList<>();
        for (Incompatibility i : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            problems.add(i.getType() + " at " + fieldPath(reader, i.getLocation()) + ": " + i.getMessage());
        }
        return problems;
    }

    /** Turns a location such as {@code /fields/6/type} into the field names it points at, e.g. {@code entryPrice}. */
    static String fieldPath(Schema schema, String location) {
        List<String> names = new ArrayList<>();
        String[] steps = location.split("/");
        for (int s = 0; s < steps.length; s++) {
            switch (steps[s]) {
                case "fields" -> {
                    Schema.Field field = schema.getFields().get(Integer.parseInt(steps[++s]));
                    names.add(field.name());
                    schema = field.schema();
                }
                case "items" -> schema = schema.getElementType();
                case "values" -> schema = schema.getValueType();
                case "types" -> schema = schema.getTypes().get(Integer.parseInt(steps[++s]));
                default -> { }
            }
        }
        return names.isEmpty() ? schema.getFullName() : String.join(".", names);
    }

    /** Every problem of one contract against its released versions, each line naming the version. */
    public static List<String> check(Schema current, List<Schema> released) {
        List<String> problems = new ArrayList<>();
        for (int v = 0; v < released.size(); v++) {
            for (String problem : incompatibilities(current, released.get(v))) {
                problems.add(current.getName() + " cannot read v" + (v + 1) + ": " + problem);
            }
        }
        return problems;
    }

    static boolean isReleased(Schema current, List<Schema> released) {
        long fingerprint = Contracts.fingerprint(current);
        return released.stream().anyMatch(s -> Contracts.fingerprint(s) == fingerprint);
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || !(args[0].equals("check") || args[0].equals("release") && args.length == 2)) {
            throw new IllegalArgumentException("usage: ContractCheck check | release RELEASED_DIR");
        }
        List<String> problems = new ArrayList<>();
        int unreleased = 0;
        for (Class<? extends SpecificRecord> event : Contracts.EVENTS) {
            Schema current = Contracts.currentSchema(event);
            List<Schema> released = Contracts.released(current.getName());
            problems.addAll(check(current, released));
            if (!isReleased(current, released)) {
                unreleased++;
                if (args[0].equals("release")) {
                    Path file = Path.of(args[1], current.getName(), "v" + (released.size() + 1) + ".avsc");
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, current.toString(true) + "\n");
                    System.out.println("[contracts] released " + file);
                } else {
                    System.out.println("[contracts] " + current.getName()
                            + (released.isEmpty() ? " has no released version" : " changed since v" + released.size())
                            + " (release with: ./mvnw -pl schemas process-classes exec:java@release-contracts)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("incompatible contract change:\n  " + String.join("\n  ", problems));
        }
        System.out.printf("[contracts] %d contracts backward compatible with every released version (%d unreleased)%n",
                Contracts.EVENTS.size(), args[0].equals("release") ? 0 : unreleased);
    }
}
