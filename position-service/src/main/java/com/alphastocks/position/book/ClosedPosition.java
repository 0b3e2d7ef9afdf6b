package com.alphastocks.position.book;

import java.math.BigDecimal;
import java.time.Instant;

import com.alphastocks.position.trading.ExitReason;
import com.alphastocks.position.trading.OpenPosition;

/** A position that is out, with its P&L: kept by position id (a position closes once) and shown by the API. */
public record ClosedPosition(OpenPosition position, BigDecimal exitPremium, BigDecimal grossPnl, BigDecimal charges,
                             BigDecimal netPnl, ExitReason exitReason, Instant closedAt) {
}
