package com.alphastocks.position.trading;

/** Why a position (or a part of it) was sold. */
public enum ExitReason {
    STOP_LOSS, TARGET, PARTIAL_TARGET, TRAILING_STOP, SQUARE_OFF, MAX_HOLDING_TIME, EXPIRY_DAY, MANUAL
}
