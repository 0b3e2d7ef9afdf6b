package com.alphastocks.notify;

import java.util.List;
import java.util.Set;

/**
 * One rule of what is sent where: a notification matches when each criterion given is met (an empty criterion
 * matches everything), and then goes to the rule's channels.
 */
public record NotificationRule(String name, Set<String> eventTypes, Set<String> priorities, Set<String> strategies, Set<String> symbols,
                               List<String> channels) {

    public boolean matches(Notification n) {
        return accepts(eventTypes, n.eventType()) && accepts(priorities, n.priority().name()) && accepts(strategies, n.strategy())
                && accepts(symbols, n.symbol());
    }

    private static boolean accepts(Set<String> allowed, String value) {
        return allowed.isEmpty() || value != null && allowed.contains(value);
    }
}
