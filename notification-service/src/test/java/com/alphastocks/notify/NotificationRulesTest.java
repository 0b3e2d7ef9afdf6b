package com.alphastocks.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.Priority;

class NotificationRulesTest {

    private static final Set<String> CHANNELS = Set.of("telegram", "email", "sms", "webhook");

    private final NotificationRules rules = new NotificationRules(List.of(
            new NotificationRule("critical", Set.of(), Set.of("CRITICAL"), Set.of(), Set.of(), List.of("telegram", "sms")),
            new NotificationRule("closed", Set.of("POSITION_CLOSED"), Set.of(), Set.of(), Set.of(), List.of("email", "telegram")),
            new NotificationRule("rsi-banknifty", Set.of(), Set.of(), Set.of("RSI"), Set.of("BANKNIFTY"), List.of("webhook"))), CHANNELS);

    static Notification note(String type, Priority priority, String strategy, String symbol) {
        return new Notification("e", type, priority, strategy, symbol, "s", "t");
    }

    @Test
    void shouldSendWhereEveryMatchingRuleSaysEachChannelOnce() {
        assertThat(rules.channelsFor(note("POSITION_CLOSED", Priority.CRITICAL, "MACD", "NIFTY"))).containsExactly("telegram", "sms", "email");
        assertThat(rules.channelsFor(note("POSITION_CLOSED", Priority.NORMAL, "MACD", "NIFTY"))).containsExactly("email", "telegram");
        assertThat(rules.channelsFor(note("SIGNAL_GENERATED", Priority.NORMAL, "RSI", "BANKNIFTY"))).containsExactly("webhook");
        assertThat(rules.channelsFor(note("SIGNAL_GENERATED", Priority.NORMAL, "RSI", "NIFTY"))).isEmpty();
        assertThat(rules.channelsFor(note("ORDER_REJECTED", Priority.HIGH, null, null))).as("no strategy: the strategy rule does not match")
                .isEmpty();
    }

    @Test
    void shouldRefuseABrokenRuleNamingWhatIsWrong() {
        assertThatThrownBy(() -> new NotificationRules(List.of(
                new NotificationRule("typo", Set.of("POSITION_CLOSE"), Set.of("URGENT"), Set.of(), Set.of(), List.of("whatsapp"))), CHANNELS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule typo event-types: no POSITION_CLOSE")
                .hasMessageContaining("priorities: no URGENT")
                .hasMessageContaining("channels: no whatsapp");
    }
}
