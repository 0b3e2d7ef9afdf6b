package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RunSummaryTest {

    /** A run as the sample day makes it: 16 signals, 12 filtered, 4 bought, one of them exited in two parts. */
    private static final RunSummary.Counts DAY = new RunSummary.Counts(16, 16, 0, 12, 12, 4, 4, 5, 4, 5, 0, 5, 4,
            Map.of("SQUARE_OFF", 1L, "STOP_LOSS", 1L, "TARGET", 1L, "TRAILING_STOP", 1L), 0);

    private static Map<String, Long> analyticsCounts() {
        Map<String, Long> published = new HashMap<>(Map.of("SIGNAL_GENERATED", 16L, "SIGNAL_REJECTED", 12L, "SIGNAL_ACTIVATED", 4L,
                "ORDER_PLACED", 9L, "ORDER_FILLED", 9L, "TRADE_EXIT", 5L, "POSITION_OPENED", 4L, "POSITION_CLOSED", 4L));
        published.put("MARKET_TICK", 87_054L);
        return published;
    }

    @Test
    void shouldFindNothingWrongWhenEveryCountAgrees() {
        RunSummary.ServiceCounts services = new RunSummary.ServiceCounts(analyticsCounts(), 0, 4, 0, 43, 43);

        assertThat(RunSummary.mismatches(DAY, services)).isEmpty();
        Map<String, Object> summary = RunSummary.summary(DAY, 87_054);
        assertThat(summary).containsEntry("orders_placed", 9L).containsEntry("signals_rejected", 12L)
                .containsEntry("positions_open_at_end", 0L);
        assertThat(summary.get("positions_closed")).isEqualTo(DAY.closedByReason());
    }

    @Test
    void shouldNameEachCountThatDisagrees() {
        Map<String, Long> published = analyticsCounts();
        published.put("POSITION_CLOSED", 3L);
        RunSummary.ServiceCounts services = new RunSummary.ServiceCounts(published, 1, 4, 1, 43, 42);

        assertThat(RunSummary.mismatches(DAY, services)).containsExactly(
                "POSITION_CLOSED: 4 on the topic, the analytics-service counted 3",
                "DLQ: 0 records on the topic, the analytics-service counted 1",
                "position-service: 4 positions in its book (1 open), the topics say 4 opened and 4 closed",
                "notifications: the notification-service sent 43, the inbox received 42");
    }

    @Test
    void shouldCatchASignalWithTwoOutcomesOrAnExitWithoutItsOrder() {
        // One signal both refused and bought; one exit that never became a sell order.
        RunSummary.Counts broken = new RunSummary.Counts(16, 16, 0, 12, 12, 5, 5, 4, 5, 4, 0, 5, 5,
                Map.of("STOP_LOSS", 5L), 0);
        Map<String, Long> published = new HashMap<>(Map.of("SIGNAL_GENERATED", 16L, "SIGNAL_REJECTED", 12L, "SIGNAL_ACTIVATED", 5L,
                "ORDER_PLACED", 9L, "ORDER_FILLED", 9L, "TRADE_EXIT", 5L, "POSITION_OPENED", 5L, "POSITION_CLOSED", 5L));

        assertThat(RunSummary.mismatches(broken, new RunSummary.ServiceCounts(published, 0, 5, 0, 1, 1))).containsExactly(
                "executor: 16 signals generated, but 12 refused and 5 bought",
                "exits: 5 trade exits, 4 sell orders placed and 4 filled");
    }

    @Test
    void shouldSeeASignalThatNeitherGeneratedNorWasRefused() {
        RunSummary.Counts lost = new RunSummary.Counts(17, 16, 0, 12, 12, 4, 4, 5, 4, 5, 0, 5, 4,
                DAY.closedByReason(), 0);

        assertThat(RunSummary.mismatches(lost, new RunSummary.ServiceCounts(analyticsCounts(), 0, 4, 0, 0, 0)))
                .containsExactly("signals: 17 sent, but 16 generated and 0 refused at validation (a strategy's resend of a signal generates nothing)");
    }
}
