package com.alphastocks.feed.kite;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kite Connect's ticker messages, as documented (kite.trade/docs/connect/v3/websocket, "Message structure"): a binary
 * message holds a big-endian count of packets, then each packet's length and its bytes; a one-byte message is the
 * heartbeat. Packets by length: 8 LTP; 28 / 32 an index's quote / full (full adds the exchange timestamp); 44 / 184 a
 * tradable instrument's quote / full (full adds last trade time, open interest, exchange timestamp and five levels of
 * bids then offers, 12 bytes each: quantity, price, orders, 2 bytes padding). Prices are whole paise (divided by 100;
 * by 10,000,000 for currency derivatives, segment 3, and 10,000 for BSE currency, segment 6; the segment is the
 * token's lowest byte), so they are exact decimals here. Unsigned 32-bit fields throughout.
 */
public final class KitePackets {

    /** Segments whose prices are not in paise. */
    private static final int CDS = 3;
    private static final int BCD = 6;
    private static final int INDICES = 9;

    /** One instrument's update; the fields its mode does not carry are null (bid, ask, exchange time) or 0. */
    public record Packet(long token, BigDecimal lastPrice, long volume, long openInterest, BigDecimal bid, BigDecimal ask,
                         Instant exchangeTime) {
    }

    private KitePackets() {
    }

    /** True for Kite's heartbeat: a one-byte binary message, sent about once a second. */
    public static boolean heartbeat(ByteBuffer message) {
        return message.remaining() < 2;
    }

    /**
     * The packets of one binary message, in order. A message cut short, or a packet of a length the documentation does
     * not give, is refused with what was wrong: the caller drops that message, not the connection.
     */
    public static List<Packet> parse(ByteBuffer message) {
        ByteBuffer in = message.duplicate();
        if (heartbeat(in)) {
            return List.of();
        }
        int count = Short.toUnsignedInt(in.getShort());
        List<Packet> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (in.remaining() < 2) {
                throw new IllegalArgumentException("message cut short: " + count + " packets announced, " + i + " found");
            }
            int length = Short.toUnsignedInt(in.getShort());
            if (in.remaining() < length) {
                throw new IllegalArgumentException("packet " + (i + 1) + " of " + count + " announces " + length
                        + " bytes, " + in.remaining() + " left");
            }
            ByteBuffer packet = in.slice(in.position(), length);
            in.position(in.position() + length);
            packets.add(packet(packet, length));
        }
        return packets;
    }

    private static Packet packet(ByteBuffer p, int length) {
        long token = unsigned(p, 0);
        int segment = (int) (token & 0xff);
        int scale = segment == CDS ? 7 : segment == BCD ? 4 : 2;
        BigDecimal last = price(p, 4, scale);
        if (segment == INDICES) {
            return switch (length) {
                case 8, 28 -> new Packet(token, last, 0, 0, null, null, null);
                case 32 -> new Packet(token, last, 0, 0, null, null, seconds(p, 28));
                default -> throw new IllegalArgumentException("an index packet of " + length + " bytes (8, 28 or 32 expected), token " + token);
            };
        }
        return switch (length) {
            case 8 -> new Packet(token, last, 0, 0, null, null, null);
            case 44 -> new Packet(token, last, unsigned(p, 16), 0, null, null, null);
            case 184 -> new Packet(token, last, unsigned(p, 16), unsigned(p, 48), best(p, 64, scale), best(p, 64 + 5 * 12, scale),
                    seconds(p, 60));
            default -> throw new IllegalArgumentException("a packet of " + length + " bytes (8, 44 or 184 expected), token " + token);
        };
    }

    /** The first level of a side of the book: its price, or null when nobody is there (quantity 0). */
    private static BigDecimal best(ByteBuffer p, int at, int scale) {
        return unsigned(p, at) == 0 ? null : price(p, at + 4, scale);
    }

    private static BigDecimal price(ByteBuffer p, int at, int scale) {
        return BigDecimal.valueOf(unsigned(p, at), scale);
    }

    private static Instant seconds(ByteBuffer p, int at) {
        long s = unsigned(p, at);
        return s == 0 ? null : Instant.ofEpochSecond(s);
    }

    private static long unsigned(ByteBuffer p, int at) {
        return Integer.toUnsignedLong(p.getInt(at));
    }
}
