package com.alphastocks.analytics.score;

import java.math.BigDecimal;

/** A scorecard as people read it: what it scores ({@code strategy}/{@code RSI}) and the figures, in rupees. */
public record ScorecardView(String kind, String name, int trades, int wins, int losses, BigDecimal winRatePct, BigDecimal averageWin,
                            BigDecimal averageLoss, BigDecimal totalPnl, BigDecimal averagePnl, BigDecimal profitFactor,
                            BigDecimal expectancy, BigDecimal maxDrawdown, BigDecimal bestTrade, BigDecimal worstTrade,
                            BigDecimal charges, Long averageHoldingMinutes) {

    /** The view of the scorecard stored under {@code key} ({@code strategy:RSI}, {@code all}, ...). */
    public static ScorecardView of(String key, Scorecard card) {
        int colon = key.indexOf(':');
        String kind = colon < 0 ? key : key.substring(0, colon);
        String name = colon < 0 ? key : key.substring(colon + 1);
        return new ScorecardView(kind, name, card.trades(), card.wins(), card.losses(), card.winRatePct(), card.averageWin(),
                card.averageLoss(), card.netPnl(), card.averagePnl(), card.profitFactor(), card.expectancy(), card.maxDrawdown(),
                card.best(), card.worst(), card.charges(), card.averageHoldingMinutes());
    }

    /** The store key of a scorecard: {@code all}, or {@code kind:name}. */
    public static String key(String kind, String name) {
        return "all".equals(kind) ? "all" : kind + ":" + name;
    }
}
