package com.alphastocks.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Order ids derived from what the order is for, so that a retry, a redelivery or a restart can only ever mean
 * the same order. 20 characters: what a Kite-style broker keeps as the order's tag.
 */
public final class OrderIds {

    private OrderIds() {
    }

    /** The one entry order of a signal. */
    public static String entry(String signalId) {
        return "EN" + hash("entry|" + signalId);
    }

    /** The {@code exitNumber}-th exit order of a position (a partial booking, then the rest). */
    public static String exit(String positionId, int exitNumber) {
        return "EX" + hash("exit|" + positionId + "|" + exitNumber);
    }

    /**
     * The {@code stopNumber}-th protective stop resting at the broker for a position (a new one after an exit left part
     * of the position open).
     */
    public static String restingStop(String positionId, int stopNumber) {
        return "SL" + hash("stop|" + positionId + "|" + stopNumber);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 9).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
