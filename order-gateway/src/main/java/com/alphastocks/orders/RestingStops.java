package com.alphastocks.orders;

import java.math.BigDecimal;

/**
 * Protective stops resting at the broker: a stop-loss sell per open position, so that a position-service that crashed
 * or lost its connection leaves no position without its stop. Only a live broker holds them. Every call is idempotent on
 * the stop's order id (placing a stop it has returns that stop; cancelling a cancelled one answers how it ended), so
 * a call repeated after a crash changes nothing.
 */
public interface RestingStops {

    /**
     * Rests a stop: sell {@code quantity} of {@code instrument} once it trades at or below {@code trigger}. Answers OPEN
     * while it rests, REJECTED with the broker's reason.
     */
    OrderResult rest(String orderId, String instrument, int quantity, BigDecimal trigger);

    /**
     * Moves a resting stop's trigger (a trailing stop tightened). Answers its state: OPEN while it rests, or what filled
     * when it had triggered before the move.
     */
    OrderResult move(String orderId, BigDecimal trigger);

    /**
     * Cancels a stop before the position exits another way. Answers how it ended: CANCELLED when it had not triggered;
     * FILLED or PARTIALLY_FILLED with what it sold when it had: that much is already out of the position.
     */
    OrderResult cancel(String orderId);

    /** The stop as the broker has it now (OPEN while it rests; FILLED once it triggered and sold). */
    OrderResult state(String orderId);
}
