package com.alphastocks.streams;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Offers the catalogue's topic names to MicroProfile Config, so that a channel says
 * {@code topic=${alphastocks.topic.strategy-signals}} instead of writing the name a second time.
 */
public class TopicConfigSource implements ConfigSource {

    private static final Map<String, String> NAMES = Stream.of(Topic.values())
            .collect(Collectors.toUnmodifiableMap(Topic::configKey, Topic::topicName));

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
