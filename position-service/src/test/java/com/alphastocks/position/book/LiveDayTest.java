package com.alphastocks.position.book;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.contracts.ExitReason;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.PositionUpdated;
import com.alphastocks.feed.BrokerStream;
import com.alphastocks.feed.kite.KiteInstruments;
import com.alphastocks.feed.kite.KiteTicker;
import com.alphastocks.feed.kite.StandInKiteTicker;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.options.OptionType;
import com.alphastocks.orders.LiveGateway;
import com.alphastocks.orders.OrderRequest;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.orders.StubKiteBroker;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.EventSerde;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live day against the stand-ins of both sides of Kite Connect: its REST API (orders, resting stops, the account)
 * and its WebSocket ticker, whose binary packets the market feed's {@link KiteTicker} reads into market.ticks on the
 * test broker. One market moves both: a price is traded at the broker (its resting stops trigger there, market orders
 * fill there) and sent down the ticker. The position is bought as the executor buys it (the live gateway, tagged with
 * the order id), and the book watches it over the real broker. Then the two things a live desk fears most: the
 * position-service killed while the position is open (its disk lost too), and the ticker's connection dropped for a
 * minute. Each time the position exits exactly once, with the P&L worked out by hand.
 */
class LiveDayTest {

    /** The option each test trades: its own (the book of each test reads every position.opened on the shared broker). */
    private String symbol;
    private long token;

    @TempDir
    Path state;

    private StubKiteBroker broker;
    private StandInKiteTicker ticker;
    private KiteTicker feed;
    private KafkaProducer<String, Object> producer;
    private LiveGateway live;
    private final CompletableFuture<String> feedEnded = new CompletableFuture<>();

    @BeforeAll
    static void createTopics() throws Exception {
        TestTopics.ensureAll(6);
    }

    /** The stand-ins, the gateway, and the market feed's ticker subscribed to {@code option}. */
    private void standIns(String option, int exchangeToken, String strike) throws Exception {
        symbol = option;
        token = StandInKiteTicker.token(exchangeToken, 2);
        broker = new StubKiteBroker();
        ticker = new StandInKiteTicker("", "", 1_000);
        producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
        live = new LiveGateway(new LiveGateway.Connection(broker.url(), "key", "token", "NFO", "MIS", Duration.ofSeconds(2), 1,
                Duration.ofMillis(10), Duration.ofSeconds(1), 1_000, Duration.ofSeconds(30), 10));
        // The market feed's ticker, as `market-feed --kite` runs it (reconnecting within 2 s here, not Kite's 60).
        feed = new KiteTicker(KiteTicker.Settings.kite(StandInKiteTicker.API_KEY, StandInKiteTicker.ACCESS_TOKEN).at(ticker.socket())
                .retrying(Duration.ofSeconds(3), Duration.ofMillis(250), Duration.ofSeconds(2), 1_000),
                List.of(new KiteInstruments.Instrument(token, symbol, "NIFTY", OptionType.CE, new BigDecimal(strike), LocalDate.of(2025, 12, 9))),
                Clock.systemUTC());
        feed.subscribe(List.of(symbol), new BrokerStream.Listener() {
            @Override
            public void tick(MarketTick tick) {
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), tick.getInstrument(), tick));
            }

            @Override
            public void ended(String why) {
                feedEnded.complete(why);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ticker.connected() == 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the feed did not connect to the ticker's stand-in: logins " + ticker.logins + ", plain requests " + ticker.requests
                    + ", connections " + feed.connections() + ", ended " + feedEnded.getNow("no"), e);
        }
    }

    @AfterEach
    void close() throws Exception {
        if (feed == null) {
            return;
        }
        feed.close();
        producer.close();
        ticker.close();
        broker.close();
    }

    /**
     * The book is killed while the position is open and loses its disk; the market falls through the stop meanwhile and
     * the stop resting at the broker sells. Back, the book closes the position once with the broker's fill, and its
     * reconciliation with the account finds nothing amiss.
     */
    @Test
    void shouldExitOnceByTheBrokersStopWhenThePositionServiceIsKilledWhileThePositionIsOpen() throws Exception {
        standIns("NIFTY25D0922600CE", 48_601, "22600");
        String applicationId = "position-live-day-" + UUID.randomUUID();
        PositionOpened position = bought("pos-day-killed");
        try (KafkaStreams book = start(applicationId)) {
            watchedWithItsStop(book, position);
        }
        PositionRestartTest.deleteContents(state);
        market("10:10", "131.00");
        assertThat(broker.stops(symbol)).as("the broker's stop sold while the book was down").containsExactly("COMPLETE 150 @ 132.4");

        int readsBefore = broker.positionReads.get();
        try (KafkaStreams book = start(applicationId)) {
            market("10:11", "140.00");
            await().atMost(Duration.ofSeconds(60)).until(() -> !PositionRestartTest.closes(position.getPositionId()).isEmpty());
            market("10:12", "120.00");
            // The restarted book reconciles with the account soon after its start: the broker holds none, nor does the book.
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.positionReads.get() > readsBefore);
            Thread.sleep(1_000);
        }
        assertThat(reconciliationBreaks()).as("the restarted book and the account agree").isEmpty();

        List<PositionClosed> closes = PositionRestartTest.closes(position.getPositionId());
        assertThat(closes).hasSize(1);
        PositionClosed closed = closes.get(0);
        assertThat(closed.getExitReason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(closed.getExitPremium()).isEqualByComparingTo("131.00");
        // Bought 150 at 189.15 (28,372.50), sold 150 at 131.00 (19,650.00): gross -8,722.50. Charges of the two orders:
        // brokerage 40, STT 19.65 (0.1 % of the sale), exchange 16.82 (0.03503 % of 48,022.50), SEBI 0.05, GST 10.24
        // (18 % of 56.87), stamp duty 0.85 (0.003 % of the purchase): 87.61. Net -8,810.11.
        assertThat(closed.getGrossPnl()).isEqualByComparingTo("-8722.50");
        assertThat(closed.getCharges()).isEqualByComparingTo("87.61");
        assertThat(closed.getNetPnl()).isEqualByComparingTo("-8810.11");
        assertThat(broker.sold(symbol)).as("sold once, by the broker's stop").isEqualTo(150);
        assertThat(broker.positions()).as("the account holds nothing of it").doesNotContainKey(symbol);
    }

    /**
     * The ticker's connection drops for a minute while the market rises through both targets. The book hears nothing
     * (and says so: a HIGH alert for the silence); the feed connects again and subscribes again, and the first tick
     * after the minute sells the whole position, once: the resting stop is cancelled first, then the two targets sell
     * a lot each (the first target's 60 % of two lots is one whole lot) at the market.
     */
    @Test
    void shouldExitOnceOnTheFirstTickAfterTheTickerWasDroppedForAMinute() throws Exception {
        standIns("NIFTY25D0922650CE", 48_651, "22650");
        String applicationId = "position-live-day-" + UUID.randomUUID();
        PositionOpened position = bought("pos-day-dropped");
        try (KafkaStreams book = start(applicationId)) {
            watchedWithItsStop(book, position);

            CompletableFuture<Void> dropped = CompletableFuture.runAsync(() -> {
                try {
                    ticker.dropFor(60_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> ticker.connected() == 0);
            market("10:05", "330.00"); // traded at the broker; no tick reaches the book
            await().atMost(Duration.ofSeconds(50)).until(() -> !silenceAlerts(position.getPositionId()).isEmpty());
            assertThat(PositionRestartTest.closes(position.getPositionId())).as("nothing sold while the book heard nothing").isEmpty();
            dropped.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> ticker.connected() == 1);
            // Subscribed again, the feed's first tick: the market where it is now.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                market("10:06", "330.00");
                return !PositionRestartTest.closes(position.getPositionId()).isEmpty();
            });
            market("10:07", "340.00");
            Thread.sleep(1_000);
        }

        assertThat(feedEnded).as("the feed never gave up").isNotDone();
        assertThat(feed.connections()).as("connected, then again after the minute").isGreaterThanOrEqualTo(2);
        assertThat(silenceAlerts(position.getPositionId()).get(0).getAlert()).isEqualTo("no ticks for " + symbol + " in 20 s");
        List<PositionClosed> closes = PositionRestartTest.closes(position.getPositionId());
        assertThat(closes).hasSize(1);
        PositionClosed closed = closes.get(0);
        assertThat(closed.getExitPremium()).as("both parts sold at the market").isEqualByComparingTo("330.00");
        // Bought 150 at 189.15 (28,372.50); sold 75 at 330.00 twice (49,500.00): gross 21,127.50.
        // Charges of the three orders: brokerage 60, STT 49.50, exchange 27.28 (0.03503 % of 77,872.50), SEBI 0.08,
        // GST 15.72 (18 % of 87.36), stamp duty 0.85: 153.43. Net 20,974.07.
        assertThat(closed.getGrossPnl()).isEqualByComparingTo("21127.50");
        assertThat(closed.getCharges()).isEqualByComparingTo("153.43");
        assertThat(closed.getNetPnl()).isEqualByComparingTo("20974.07");
        assertThat(broker.sold(symbol)).as("never more sold than was bought").isEqualTo(150);
        assertThat(broker.stops(symbol)).as("the resting stop was cancelled before the targets sold").startsWith("CANCELLED 150 @ 132.4");
        assertThat(broker.positions()).doesNotContainKey(symbol);
    }

    /** The position told to the book, watched, a tick at 10:00, and its stop resting at the broker. */
    private void watchedWithItsStop(KafkaStreams book, PositionOpened position) throws Exception {
        producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), position.getSignalId(), position)).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> PositionRestartTest.watched(book, position.getPositionId()));
        market("10:00", "195.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.stops(symbol).equals(List.of("TRIGGER PENDING 150 @ 132.4")));
    }

    /** Buys 150 at the market (189.15) through the live gateway, as the executor does, and says so as it does. */
    private PositionOpened bought(String positionId) {
        broker.fillPrice = "189.15";
        OrderResult entry = live.place(new OrderRequest("entry-" + positionId, symbol, OrderRequest.Side.BUY, 150, null));
        assertThat(entry.status()).isEqualTo(OrderResult.Status.FILLED);
        PositionOpened position = PositionTopologyTest.position(positionId, "sig-" + positionId, 2);
        position.setInstrument(symbol);
        position.setEntryPremium(com.alphastocks.streams.Decimals.scaled(entry.averagePrice()));
        return position;
    }

    /** The market trades the option at {@code price} at {@code time} (IST, on 3 December 2025): at the broker, and down the ticker. */
    private void market(String time, String price) {
        broker.trade(symbol, price);
        broker.fillPrice = price;
        Instant at = LocalDate.of(2025, 12, 3).atTime(LocalTime.parse(time)).atZone(PositionTopologyTest.IST).toInstant();
        ticker.send(StandInKiteTicker.full(token, price, 10_000, 50_000, price, price, at));
    }

    private KafkaStreams start(String applicationId) {
        return PositionRestartTest.start(state, applicationId, StreamsConfig.AT_LEAST_ONCE, EventSerde.events(WireSettings.EMBEDDED),
                (ledger, quotes) -> live, new PositionBookProcessor.Settings(Duration.ofSeconds(30), Duration.ofSeconds(20)));
    }

    private List<Object> reconciliationBreaks() {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return EventClients.readAll(reader, Topic.RECONCILIATION_BREAKS.topicName()).stream()
                    .map(r -> r.value())
                    .filter(b -> ((com.alphastocks.contracts.ReconciliationBreak) b).getInstrument().equals(symbol))
                    .toList();
        }
    }

    private static List<PositionUpdated> silenceAlerts(String positionId) {
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            return EventClients.readAll(reader, Topic.POSITION_UPDATED.topicName()).stream()
                    .map(r -> (PositionUpdated) r.value())
                    .filter(u -> u.getPositionId().equals(positionId) && u.getAlert() != null && u.getAlert().startsWith("no ticks"))
                    .toList();
        }
    }
}
