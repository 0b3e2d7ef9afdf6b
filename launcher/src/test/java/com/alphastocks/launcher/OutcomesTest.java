package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OutcomesTest {

    private static final List<Outcomes.Refusal> REFUSALS = List.of(new Outcomes.Refusal("r1", "s-filtered", false),
            new Outcomes.Refusal("r2", "s-invalid", true));

    @Test
    void shouldFindOneOutcomePerSignalAndOneCloseperPosition() {
        Outcomes.Report report = Outcomes.check(Set.of("s-bought", "s-filtered", "s-invalid"), List.of("g1", "g2"),
                List.of("s-bought", "s-filtered"), REFUSALS,
                List.of(new Outcomes.Order("o1", "buy-1", "s-bought", true, 150), new Outcomes.Order("o2", "sell-1", "s-bought", false, 90),
                        new Outcomes.Order("o3", "sell-2", "s-bought", false, 60)),
                List.of(new Outcomes.PositionEvent("p1", "pos-1", "s-bought", 150)),
                List.of(new Outcomes.PositionEvent("c1", "pos-1", "s-bought", 150)));

        assertThat(report.signalsIn()).isEqualTo(3);
        assertThat(report.outcomes()).isEqualTo(3);
        assertThat(report).extracting(Outcomes.Report::lost, Outcomes.Report::duplicatedOrders, Outcomes.Report::duplicatedExits,
                Outcomes.Report::redeliveredEvents).containsExactly(0L, 0L, 0L, 0L);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void shouldCountWhatWasLostDoubledOrDeliveredTwice() {
        Outcomes.Report report = Outcomes.check(Set.of("s-bought", "s-twice", "s-nowhere", "s-stuck"), List.of("g1", "g2", "g2", "g3"),
                List.of("s-bought", "s-twice", "s-twice", "s-stuck"), List.of(),
                List.of(new Outcomes.Order("o1", "buy-1", "s-bought", true, 150),
                        new Outcomes.Order("o1", "buy-1", "s-bought", true, 150),
                        new Outcomes.Order("o2", "buy-2", "s-twice", true, 75), new Outcomes.Order("o3", "buy-3", "s-twice", true, 75),
                        new Outcomes.Order("o4", "sell-1", "s-bought", false, 150), new Outcomes.Order("o5", "sell-2", "s-bought", false, 150)),
                List.of(new Outcomes.PositionEvent("p1", "pos-1", "s-bought", 150), new Outcomes.PositionEvent("p2", "pos-2", "s-twice", 75)),
                List.of(new Outcomes.PositionEvent("c1", "pos-1", "s-bought", 150), new Outcomes.PositionEvent("c2", "pos-1", "s-bought", 150)));

        // s-nowhere never generated, s-stuck generated but never decided, pos-2 never closed.
        assertThat(report.lost()).isEqualTo(3);
        assertThat(report.duplicatedOrders()).isEqualTo(1);
        // pos-1 closed twice and sold twice its quantity.
        assertThat(report.duplicatedExits()).isEqualTo(2);
        // the same generated event and the same order event twice on their topics.
        assertThat(report.redeliveredEvents()).isEqualTo(2);
        assertThat(report.problems()).contains("signal s-nowhere was sent but neither generated nor refused",
                "signal s-stuck was generated but neither refused nor bought", "signal s-twice has 2 buy order(s)",
                "position pos-2 was never closed", "position pos-1 was closed 2 times", "position pos-1: 300 sold of 150 bought");
    }
}
