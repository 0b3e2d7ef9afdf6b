package com.alphastocks.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;

/** The rules together: the channels a notification goes to (each once, in the order the rules name them). */
public final class NotificationRules {

    private final List<NotificationRule> rules;

    /** Checks every rule against the known event types, priorities and channels: a broken rule stops the start, clearly. */
    public NotificationRules(List<NotificationRule> rules, Set<String> knownChannels) {
        List<String> problems = new ArrayList<>();
        Set<String> types = Arrays.stream(EventType.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> priorities = Arrays.stream(Priority.values()).map(Enum::name).collect(Collectors.toSet());
        for (NotificationRule rule : rules) {
            unknown(rule, "event-types", rule.eventTypes(), types, problems);
            unknown(rule, "priorities", rule.priorities(), priorities, problems);
            unknown(rule, "channels", rule.channels(), knownChannels, problems);
            if (rule.channels().isEmpty()) {
                problems.add("rule " + rule.name() + " names no channels");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("notification rules (alphastocks.notify.rules.*): " + String.join("; ", problems));
        }
        this.rules = List.copyOf(rules);
    }

    public List<NotificationRule> rules() {
        return rules;
    }

    public Set<String> channelsFor(Notification n) {
        Set<String> channels = new LinkedHashSet<>();
        rules.stream().filter(rule -> rule.matches(n)).forEach(rule -> channels.addAll(rule.channels()));
        return channels;
    }

    private static void unknown(NotificationRule rule, String what, Iterable<String> given, Set<String> known, List<String> problems) {
        for (String value : given) {
            if (!known.contains(value)) {
                problems.add("rule " + rule.name() + " " + what + ": no " + value + " (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }
}
