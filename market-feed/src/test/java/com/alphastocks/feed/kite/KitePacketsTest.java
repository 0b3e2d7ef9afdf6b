package com.alphastocks.feed.kite;

import static com.alphastocks.feed.kite.StandInKiteTicker.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class KitePacketsTest {

    private static final Instant AT = Instant.parse("2025-12-03T06:10:00Z");
    private static final long NIFTY_50 = 256_265;
    private static final long NIFTY_CALL = token(52_345, 2);

    @Test
    void shouldReadAnLtpMessageByteForByte() {
        // 1 packet of 8 bytes: token 0x0003E909 = 256265 (NIFTY 50), price 0x0027B073 = 2,601,075 paise.
        ByteBuffer message = ByteBuffer.wrap(HexFormat.of().parseHex("000100080003e9090027b073"));

        assertThat(KitePackets.parse(message)).containsExactly(
                new KitePackets.Packet(NIFTY_50, new BigDecimal("26010.75"), 0, 0, null, null, null));
    }

    /** Each documented packet: what it carries, and what its mode leaves out. */
    @Test
    void shouldReadEveryDocumentedPacketWithWhatItsModeCarries() {
        record Case(byte[] packet, KitePackets.Packet expected) {
        }
        List<Case> cases = List.of(
                new Case(StandInKiteTicker.ltp(NIFTY_CALL, "152.35"),
                        new KitePackets.Packet(NIFTY_CALL, new BigDecimal("152.35"), 0, 0, null, null, null)),
                new Case(StandInKiteTicker.indexFull(NIFTY_50, "26010.75", AT),
                        new KitePackets.Packet(NIFTY_50, new BigDecimal("26010.75"), 0, 0, null, null, AT)),
                new Case(java.util.Arrays.copyOf(StandInKiteTicker.indexFull(NIFTY_50, "26010.75", AT), 28),
                        new KitePackets.Packet(NIFTY_50, new BigDecimal("26010.75"), 0, 0, null, null, null)),
                new Case(StandInKiteTicker.quote(NIFTY_CALL, "152.35", 1_234_567),
                        new KitePackets.Packet(NIFTY_CALL, new BigDecimal("152.35"), 1_234_567, 0, null, null, null)),
                new Case(StandInKiteTicker.full(NIFTY_CALL, "152.35", 1_234_567, 4_500_000, "152.30", "152.40", AT),
                        new KitePackets.Packet(NIFTY_CALL, new BigDecimal("152.35"), 1_234_567, 4_500_000,
                                new BigDecimal("152.30"), new BigDecimal("152.40"), AT)),
                // Nobody offering: the ask is unknown, not zero.
                new Case(StandInKiteTicker.full(NIFTY_CALL, "0.05", 10, 75, "0.05", null, AT),
                        new KitePackets.Packet(NIFTY_CALL, new BigDecimal("0.05"), 10, 75, new BigDecimal("0.05"), null, AT)),
                // Currency derivatives are priced in 10^-7: 835,012,500 is 83.50125.
                new Case(ByteBuffer.allocate(8).putInt((int) token(7, 3)).putInt(835_012_500).array(),
                        new KitePackets.Packet(token(7, 3), new BigDecimal("83.5012500"), 0, 0, null, null, null)),
                // Fields are unsigned: a day's volume past 2^31 stays positive.
                new Case(ByteBuffer.allocate(44).putInt((int) NIFTY_CALL).putInt(15_235).putInt(0).putInt(0).putInt(0xFFFF_FFFF).array(),
                        new KitePackets.Packet(NIFTY_CALL, new BigDecimal("152.35"), 4_294_967_295L, 0, null, null, null)));

        for (Case c : cases) {
            ByteBuffer message = ByteBuffer.allocate(4 + c.packet().length).putShort((short) 1).putShort((short) c.packet().length)
                    .put(c.packet()).flip();
            assertThat(KitePackets.parse(message)).as("a %d-byte packet", c.packet().length).containsExactly(c.expected());
        }
    }

    @Test
    void shouldReadSeveralPacketsOfSeveralLengthsInOneMessage() {
        byte[] a = StandInKiteTicker.indexFull(NIFTY_50, "26010.75", AT);
        byte[] b = StandInKiteTicker.full(NIFTY_CALL, "152.35", 1, 2, "152.30", "152.40", AT);
        ByteBuffer message = ByteBuffer.allocate(2 + 2 + a.length + 2 + b.length).putShort((short) 2)
                .putShort((short) a.length).put(a).putShort((short) b.length).put(b).flip();

        assertThat(KitePackets.parse(message)).extracting(KitePackets.Packet::token).containsExactly(NIFTY_50, NIFTY_CALL);
    }

    @Test
    void shouldTakeTheOneByteHeartbeatForNoTicks() {
        assertThat(KitePackets.heartbeat(ByteBuffer.wrap(new byte[] {0}))).isTrue();
        assertThat(KitePackets.parse(ByteBuffer.wrap(new byte[] {0}))).isEmpty();
    }

    @Test
    void shouldRefuseAMessageCutShortOrAPacketOfAnUndocumentedLength() {
        assertThatThrownBy(() -> KitePackets.parse(ByteBuffer.wrap(HexFormat.of().parseHex("000200080003e9090027b073"))))
                .hasMessage("message cut short: 2 packets announced, 1 found");
        assertThatThrownBy(() -> KitePackets.parse(ByteBuffer.wrap(HexFormat.of().parseHex("000100200003e9090027b073"))))
                .hasMessage("packet 1 of 1 announces 32 bytes, 8 left");
        ByteBuffer twelve = ByteBuffer.allocate(16).putShort((short) 1).putShort((short) 12).putInt((int) NIFTY_CALL).flip();
        twelve.limit(16);
        assertThatThrownBy(() -> KitePackets.parse(twelve)).hasMessageContaining("a packet of 12 bytes (8, 44 or 184 expected)");
    }
}
