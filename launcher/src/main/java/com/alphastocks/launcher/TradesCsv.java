package com.alphastocks.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;

import static com.alphastocks.streams.Decimals.plain;

/**
 * One CSV row per closed position, for {@code ./alphastocks run --trades FILE}: the lots come from the position's
 * opening, the entry time is the exit time less the time held (both exchange time).
 */
final class TradesCsv {

    static final String HEADER = "signal_id,strategy,instrument,lots,quantity,entry_premium,exit_premium,exit_reason,gross_pnl,"
            + "charges,net_pnl,entry_time,exit_time";

    private TradesCsv() {
    }

    static String of(List<PositionClosed> closed, Map<String, PositionOpened> openedBySignal) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (PositionClosed c : closed) {
            PositionOpened opened = openedBySignal.get(c.getSignalId());
            Instant exit = c.getExitTime() != null ? c.getExitTime() : c.getMetadata().getOccurredAt();
            csv.append(String.join(",", c.getSignalId(), c.getStrategy(), c.getInstrument(),
                    opened == null ? "" : Integer.toString(opened.getLots()), Integer.toString(c.getQuantity()),
                    plain(c.getEntryPremium()), plain(c.getExitPremium()), c.getExitReason().name(), plain(c.getGrossPnl()),
                    plain(c.getCharges()), plain(c.getNetPnl()), exit.minus(Duration.ofMillis(c.getHoldingMillis())).toString(),
                    exit.toString())).append('\n');
        }
        return csv.toString();
    }

    /**
     * How {@code csv}'s trades differ from {@code baseline}'s, one line each (empty when equal to the paisa): rows compared
     * without their signal id (ids of another run), a trade of {@code ignoredStrategies} left out of both.
     */
    static List<String> differences(String baseline, String csv, java.util.Set<String> ignoredStrategies) {
        List<String> expected = trades(baseline, ignoredStrategies);
        List<String> actual = trades(csv, ignoredStrategies);
        List<String> differences = new java.util.ArrayList<>();
        expected.stream().filter(row -> !actual.contains(row)).forEach(row -> differences.add("missing: " + row));
        actual.stream().filter(row -> !expected.contains(row)).forEach(row -> differences.add("not in the baseline: " + row));
        return differences;
    }

    private static List<String> trades(String csv, java.util.Set<String> ignoredStrategies) {
        return csv.lines().skip(1).filter(line -> !line.isBlank())
                .map(line -> line.substring(line.indexOf(',') + 1))
                .filter(row -> !ignoredStrategies.contains(row.substring(0, row.indexOf(','))))
                .sorted().toList();
    }
}
