package com.alphastocks.analytics.score;

import static com.alphastocks.streams.Decimals.plain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One row per closed trade for machine learning: the signal as the strategy sent it (with its free features) and
 * what came of it. The label is WIN for a positive net P&L, else LOSS. {@code generatedAt} is on the market's clock (the
 * tick that closed the strategy's candle: a replayed day's own time in a replay), or the strategy's where it gave none.
 */
public record MlRow(String signalId, String positionId, String strategy, String symbol, String action, BigDecimal entryPrice,
                    BigDecimal stopLoss, BigDecimal target, BigDecimal signalStrength, BigDecimal expectedMovePct, String timeframe,
                    Instant generatedAt, Map<String, Double> features, String instrument, int quantity, BigDecimal entryPremium,
                    BigDecimal exitPremium, BigDecimal grossPnl, BigDecimal charges, BigDecimal netPnl, String exitReason,
                    long holdingMinutes, String label) {

    static final List<String> COLUMNS = List.of("signal_id", "position_id", "strategy", "symbol", "action", "entry_price",
            "stop_loss", "target", "signal_strength", "expected_move_pct", "timeframe", "generated_at", "instrument", "quantity",
            "entry_premium", "exit_premium", "gross_pnl", "charges", "net_pnl", "exit_reason", "holding_minutes", "label");

    /** The rows as CSV: the fixed columns, then one column per feature any row has ({@code feature_rsi}, ...). */
    public static String csv(List<MlRow> rows) {
        TreeSet<String> features = rows.stream().flatMap(r -> r.features().keySet().stream()).collect(Collectors.toCollection(TreeSet::new));
        List<String> header = new ArrayList<>(COLUMNS);
        features.forEach(f -> header.add("feature_" + f));
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (MlRow r : rows) {
            // A trade whose signal this service never saw (it came before the service's history) has empty signal columns.
            List<String> cells = new ArrayList<>(java.util.Arrays.asList(text(r.signalId), text(r.positionId), text(r.strategy),
                    text(r.symbol), text(r.action), plain(r.entryPrice), plain(r.stopLoss), plain(r.target), plain(r.signalStrength),
                    plain(r.expectedMovePct), text(r.timeframe), r.generatedAt == null ? "" : r.generatedAt.toString(), text(r.instrument),
                    Integer.toString(r.quantity), plain(r.entryPremium), plain(r.exitPremium), plain(r.grossPnl), plain(r.charges),
                    plain(r.netPnl), text(r.exitReason), Long.toString(r.holdingMinutes), text(r.label)));
            features.forEach(f -> cells.add(r.features().containsKey(f) ? r.features().get(f).toString() : ""));
            out.append(cells.stream().map(MlRow::quoted).collect(Collectors.joining(","))).append('\n');
        }
        return out.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
