package com.alphastocks.notify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.Priority;
import com.alphastocks.testkit.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTemplatesTest {

    private final MessageTemplates templates = new MessageTemplates(Optional.empty(), SampleEvents.IST);

    @Test
    void shouldTellAClosedPositionWithItsPnlAndReason() {
        Notification n = templates.render(SampleEvents.closed("r4", "RSI", "NIFTY25D1121600PE", "-1500", SampleEvents.at(SampleEvents.THURSDAY, "11:30"),
                Duration.ofMinutes(120)));

        assertThat(n.subject()).isEqualTo("Closed: NIFTY25D1121600PE net -1500 (STOP_LOSS)");
        assertThat(n.text()).isEqualTo("""
                RSI closed 75 NIFTY25D1121600PE on STOP_LOSS: premium 150 -> 160.
                P&L gross -1450, charges 50, net -1500; held 120 min.
                Position pos-r4, signal r4, at 4 Dec 2025 11:30:00 IST.""");
        assertThat(n.eventType()).isEqualTo("POSITION_CLOSED");
        assertThat(n.strategy()).isEqualTo("RSI");
        assertThat(n.eventId()).isEqualTo("closed-r4");
    }

    @Test
    void shouldDateAReplayedEventByTheMarketsClock() {
        PositionClosed replayed = SampleEvents.closed("r5", "RSI", "NIFTY25D1121600PE", "-1500", SampleEvents.at(SampleEvents.THURSDAY, "11:30"),
                Duration.ofMinutes(120));
        replayed.getMetadata().setOccurredAt(java.time.Instant.parse("2026-12-04T09:00:00Z"));
        replayed.getMetadata().setMarketTime(SampleEvents.at(SampleEvents.THURSDAY, "11:29"));

        assertThat(templates.render(replayed).text()).endsWith("at 4 Dec 2025 11:29:00 IST.");
    }

    @Test
    void shouldTellATradingStateChangeWithWhoAndWhy() {
        java.time.Instant at = SampleEvents.at(SampleEvents.WEDNESDAY, "10:00");
        var envelope = new com.alphastocks.streams.Envelope("executor-service", java.time.Clock.systemUTC());
        Notification halted = templates.render(com.alphastocks.contracts.TradingStateChanged.newBuilder()
                .setMetadata(envelope.metadataAt(at, com.alphastocks.contracts.EventType.TRADING_STATE_CHANGED, "ts-1", "desk", null,
                        Priority.CRITICAL))
                .setState(com.alphastocks.contracts.TradingState.HALTED).setPrevious(com.alphastocks.contracts.TradingState.ACTIVE)
                .setReason("exchange glitch").setBy("telegram:@ops").build());

        assertThat(halted.subject()).isEqualTo("Trading HALTED: no new entries");
        assertThat(halted.text()).isEqualTo("""
                telegram:@ops set the desk's trading state to HALTED (was ACTIVE) at 3 Dec 2025 10:00:00 IST: exchange glitch.
                New entries are refused; open positions keep their stops, targets and exits.""");

        Notification active = templates.render(com.alphastocks.contracts.TradingStateChanged.newBuilder()
                .setMetadata(envelope.metadataAt(at, com.alphastocks.contracts.EventType.TRADING_STATE_CHANGED, "ts-2", "desk", null,
                        Priority.HIGH))
                .setState(com.alphastocks.contracts.TradingState.ACTIVE).setPrevious(com.alphastocks.contracts.TradingState.REDUCING)
                .setBy("ops").build());
        assertThat(active.subject()).isEqualTo("Trading ACTIVE: entries allowed again");
        assertThat(active.text()).isEqualTo("""
                ops set the desk's trading state to ACTIVE (was REDUCING) at 3 Dec 2025 10:00:00 IST.
                New entries are allowed again.""");
    }

    @Test
    void shouldTellAReconciliationBreak() {
        Notification n = templates.render(com.alphastocks.contracts.ReconciliationBreak.newBuilder()
                .setMetadata(new com.alphastocks.streams.Envelope("position-service", java.time.Clock.systemUTC()).metadataAt(
                        SampleEvents.at(SampleEvents.WEDNESDAY, "10:05"), com.alphastocks.contracts.EventType.RECONCILIATION_BREAK, "rb-1",
                        "NIFTY25D0921500PE", null, Priority.CRITICAL))
                .setInstrument("NIFTY25D0921500PE").setBookQuantity(0).setBrokerQuantity(75).setPositionIds(java.util.List.of())
                .setDetail("the broker holds 75 of NIFTY25D0921500PE; the book holds none").build());

        assertThat(n.subject()).isEqualTo("Reconciliation break: NIFTY25D0921500PE");
        assertThat(n.text()).isEqualTo("The broker and the position book disagree: the broker holds 75 of NIFTY25D0921500PE; the book "
                + "holds none. Found at 3 Dec 2025 10:05:00 IST; look at the account's positions at the broker now.");
        assertThat(n.priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void shouldTellAnOpenedPositionWithStrikeLotsPremiumStopAndTarget() {
        Notification n = templates.render(NotificationEvents.opened("r1", Priority.HIGH));

        assertThat(n.subject()).isEqualTo("Opened: 2 lots NIFTY25D0921500CE (RSI)");
        assertThat(n.text()).startsWith("RSI bought 150 NIFTY25D0921500CE (2 lots of 75) at 152.5: strike 21500 CE, expiry 2025-12-09.\n"
                + "Stop-loss 120, target 210.");
        assertThat(n.symbol()).isEqualTo("NIFTY");
        assertThat(n.priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void shouldTellASignal() {
        Notification n = templates.render(SampleEvents.generated("s1", "MACD", "BANKNIFTY", SampleEvents.at(SampleEvents.WEDNESDAY, "10:15"), Map.of()));

        assertThat(n.subject()).isEqualTo("Signal: MACD BUY BANKNIFTY");
        assertThat(n.text()).startsWith("MACD BUY BANKNIFTY at 21500, stop 21400, target 21700; strength 0.8, expected move 0.9 %.");
        assertThat(n.symbol()).isEqualTo("BANKNIFTY");
    }

    @Test
    void shouldTellAnExitTrade() {
        Notification n = templates.render(NotificationEvents.exit("r2"));

        assertThat(n.subject()).isEqualTo("Exit: SELL 150 NIFTY25D0921500CE at 124.5 (STOP_LOSS)");
        assertThat(n.text()).isEqualTo("Exit trade t-r2 on STOP_LOSS: SELL 150 NIFTY25D0921500CE at 124.5 (order o-r2, position pos-r2).");
        assertThat(n.priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void shouldUseTheUsersTemplateWhereOneIsGiven(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("position-closed.txt"), "P&L {e.netPnl.plain}\n{e.signalId} is out");
        MessageTemplates mine = new MessageTemplates(Optional.of(dir), SampleEvents.IST);

        Notification closed = mine.render(SampleEvents.closed("r1", "RSI", "NIFTY25D0921500CE", "1000", SampleEvents.at(SampleEvents.WEDNESDAY, "10:00"),
                Duration.ofMinutes(30)));
        assertThat(closed.subject()).isEqualTo("P&L 1000");
        assertThat(closed.text()).isEqualTo("r1 is out");
        // The others keep the bundled ones, and a type without its own template gets the default.
        assertThat(mine.render(SampleEvents.activated("r1", SampleEvents.at(SampleEvents.WEDNESDAY, "09:30"))).subject()).isEqualTo("SIGNAL_ACTIVATED r1");
    }
}
