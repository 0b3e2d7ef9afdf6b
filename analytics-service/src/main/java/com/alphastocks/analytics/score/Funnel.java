package com.alphastocks.analytics.score;

import com.alphastocks.contracts.RejectionStage;

/**
 * What became of a strategy's signals: refused by validation (before they were signals), generated, filtered
 * out, refused by risk, failed at the order, activated, and how those ended.
 */
public record Funnel(int rejectedByValidation, int generated, int filtered, int refusedByRisk, int orderFailed, int activated,
                     int completed, int stopped) {

    public static final Funnel EMPTY = new Funnel(0, 0, 0, 0, 0, 0, 0, 0);

    /** One step of a signal's life. */
    public enum Step {
        GENERATED, ACTIVATED, COMPLETED, STOPPED;
    }

    public Funnel add(Step step) {
        return switch (step) {
            case GENERATED -> new Funnel(rejectedByValidation, generated + 1, filtered, refusedByRisk, orderFailed, activated, completed, stopped);
            case ACTIVATED -> new Funnel(rejectedByValidation, generated, filtered, refusedByRisk, orderFailed, activated + 1, completed, stopped);
            case COMPLETED -> new Funnel(rejectedByValidation, generated, filtered, refusedByRisk, orderFailed, activated, completed + 1, stopped);
            case STOPPED -> new Funnel(rejectedByValidation, generated, filtered, refusedByRisk, orderFailed, activated, completed, stopped + 1);
        };
    }

    public Funnel add(RejectionStage stage) {
        return switch (stage) {
            case VALIDATION -> new Funnel(rejectedByValidation + 1, generated, filtered, refusedByRisk, orderFailed, activated, completed, stopped);
            case FILTER -> new Funnel(rejectedByValidation, generated, filtered + 1, refusedByRisk, orderFailed, activated, completed, stopped);
            case RISK -> new Funnel(rejectedByValidation, generated, filtered, refusedByRisk + 1, orderFailed, activated, completed, stopped);
            case ORDER -> new Funnel(rejectedByValidation, generated, filtered, refusedByRisk, orderFailed + 1, activated, completed, stopped);
        };
    }
}
