package com.alphastocks.streams;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Offers the catalogue's topic names to MicroProfile Config, so that a channel says
 * {@code topic=${alphastocks.topic.strategy-signals}} instead of writing the name a second time, and
 * {@value #OUTCOME_EVENTS} for every topic the services tell on ({@link Topic#outcomeEvents()}, comma-separated).
 */
public class TopicConfigSource implements ConfigSource {

    public static final String OUTCOME_EVENTS = "alphastocks.topics.events";

    private static final Map<String, String> NAMES = Stream.concat(
            Stream.of(Topic.values()).map(t -> Map.entry(t.configKey(), t.topicName())),
            Stream.of(Map.entry(OUTCOME_EVENTS, Topic.outcomeEvents().stream().map(Topic::topicName).collect(Collectors.joining(",")))))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    @Override
    public Map<String, String> getProperties() {
        return NAMES;
    }

    @Override
    public Set<String> getPropertyNames() {
        return NAMES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return NAMES.get(propertyName);
    }

    @Override
    public String getName() {
        return "alphastocks-topic-catalogue";
    }

    @Override
    public int getOrdinal() {
        return 90;
    }
}
