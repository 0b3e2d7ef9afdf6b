package com.alphastocks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A benchmark's figures: printed as a table, and written as JSON when a file is given. */
final class BenchReport {

    private BenchReport() {
    }

    /**
     * Settings for the services under benchmark given on the bench's own command line as {@code -Dservice.KEY=VALUE}
     * (e.g. {@code -Dservice.kafka-streams.commit.interval.ms=20}): how a setting is swept without a rebuild.
     */
    static Map<String, String> serviceSettings() {
        Map<String, String> settings = new java.util.TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("service."))
                .forEach(k -> settings.put(k.substring("service.".length()), System.getProperty(k)));
        return settings;
    }

    /** The services' processing guarantee under benchmark: theirs by default, or -Dservice.alphastocks.processing-guarantee. */
    static String guarantee() {
        return serviceSettings().getOrDefault("alphastocks.processing-guarantee", "at_least_once");
    }

    static void report(String title, Map<String, Object> results, Path json) throws IOException {
        System.out.println("\n=== " + title + " ===");
        int width = results.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        results.forEach((k, v) -> System.out.printf("  %-" + width + "s %s%n", k, v));
        if (json != null) {
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");
        }
    }
}
