package com.alphastocks.executor.trading;

/** Why a signal is not traded: the stage that refused it, a stable code and a message for people. */
public record Refusal(Stage stage, String code, String message) {

    /** Where a signal was refused: by the mode's and the chain's filters, by the portfolio's risk, or by the broker's answer. */
    public enum Stage { FILTER, RISK, ORDER }
}
