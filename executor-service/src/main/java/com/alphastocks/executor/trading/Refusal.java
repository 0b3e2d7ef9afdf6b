package com.alphastocks.executor.trading;

import com.alphastocks.contracts.RejectionStage;

/** Why a signal is not traded: the stage that refused it, a stable code and a message for people. */
public record Refusal(RejectionStage stage, String code, String message) {
}
