package com.alphastocks.position.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final String CALL = "NIFTY25D0921500CE";
    private static final String PUT = "NIFTY25D0921500PE";

    /** Each case: the book, the broker, and the breaks (instrument, book, broker, detail) — none when they agree. */
    @Test
    void shouldFindEveryBreakBetweenTheBookAndTheBroker() {
        record Case(Map<String, Reconciliation.Holding> book, Map<String, Integer> broker, List<String> breaks) {
        }
        Reconciliation.Holding twoPositions = new Reconciliation.Holding(150, List.of("pos-1", "pos-2"));
        List<Case> cases = List.of(
                new Case(Map.of(), Map.of(), List.of()),
                new Case(Map.of(CALL, twoPositions), Map.of(CALL, 150), List.of()),
                // The broker sold 75 the book did not hear of (a missed exit).
                new Case(Map.of(CALL, twoPositions), Map.of(CALL, 75),
                        List.of(CALL + " 150/75: the book holds " + CALL + ": 150 (pos-1, pos-2); the broker holds 75")),
                // Squared off by the broker (or sold in its app): the book still watches it.
                new Case(Map.of(CALL, twoPositions), Map.of(),
                        List.of(CALL + " 150/0: the book holds " + CALL + ": 150 (pos-1, pos-2); the broker holds none")),
                // Bought outside the desk: nothing watches it, nothing stops it.
                new Case(Map.of(), Map.of(PUT, 75), List.of(PUT + " 0/75: the broker holds 75 of " + PUT + "; the book holds none")),
                // Short at the broker: an exit sold more than was bought.
                new Case(Map.of(CALL, new Reconciliation.Holding(75, List.of("pos-1"))), Map.of(CALL, -75, PUT, 75), List.of(
                        CALL + " 75/-75: the book holds " + CALL + ": 75 (pos-1); the broker holds -75",
                        PUT + " 0/75: the broker holds 75 of " + PUT + "; the book holds none")));

        for (Case c : cases) {
            assertThat(Reconciliation.breaks(c.book(), c.broker(), instrument -> true))
                    .extracting(b -> b.instrument() + " " + b.book() + "/" + b.broker() + ": " + b.detail())
                    .as("book %s, broker %s", c.book(), c.broker()).containsExactlyElementsOf(c.breaks());
        }
    }

    @Test
    void shouldLeaveWhatOnlyTheBrokerHoldsToThePartOfTheBookThatAnswersForIt() {
        assertThat(Reconciliation.breaks(Map.of(), Map.of(PUT, 75), instrument -> false)).isEmpty();
        // What this part holds it always answers for.
        assertThat(Reconciliation.breaks(Map.of(CALL, new Reconciliation.Holding(75, List.of("pos-1"))), Map.of(), instrument -> false))
                .hasSize(1);
    }
}
