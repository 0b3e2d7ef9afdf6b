package com.alphastocks.signal.trading;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signal's state machine as a table: from each status, the statuses it may become (every other one is refused).
 * A signal expired by the ledger may still be activated or refused: the executor acted late, and an order is a fact.
 */
class SignalStatusTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # from      | may become
            GENERATED   | ACTIVATED REJECTED EXPIRED
            ACTIVATED   | COMPLETED STOPPED
            EXPIRED     | ACTIVATED REJECTED
            COMPLETED   | none: final
            STOPPED     | none: final
            REJECTED    | none: final
            """)
    void shouldAllowExactlyTheTransitionsOfTheTable(SignalStatus from, String allowed) {
        Set<SignalStatus> may = allowed.startsWith("none") ? Set.of()
                : Arrays.stream(allowed.split(" ")).map(SignalStatus::valueOf).collect(Collectors.toSet());

        for (SignalStatus to : SignalStatus.values()) {
            assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(may.contains(to));
        }
        assertThat(from.next()).isEqualTo(may);
    }
}
