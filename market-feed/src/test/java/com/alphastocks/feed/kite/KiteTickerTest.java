package com.alphastocks.feed.kite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.feed.BrokerStream;

/** The ticker against a local stand-in of Kite's ticker: the packets as ticks, and a day with its connection lost. */
class KiteTickerTest {

    private static final LocalDate DAY = LocalDate.of(2025, 12, 3);
    private static final Instant AT = Instant.parse("2025-12-03T06:10:00Z");
    private static final long NIFTY_50 = 256_265;
    private static final long NIFTY_CALL = 10_241_794;

    private StandInKiteTicker kite;
    private final BlockingQueue<MarketTick> ticks = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final BrokerStream.Listener listener = new BrokerStream.Listener() {
        @Override
        public void tick(MarketTick tick) {
            ticks.add(tick);
        }

        @Override
        public void ended(String why) {
            ended.complete(why);
        }
    };

    @BeforeEach
    void start() throws Exception {
        kite = new StandInKiteTicker(KiteInstrumentsTest.NSE, KiteInstrumentsTest.NFO, 200);
    }

    @AfterEach
    void stop() throws Exception {
        kite.close();
    }

    @Test
    void shouldReadTheInstrumentListFromKitesRestApiWithTheAccountsToken() {
        HttpClient http = HttpClient.newHttpClient();
        List<String> dumps = List.of(
                KiteInstruments.download(http, kite.api(), StandInKiteTicker.API_KEY, StandInKiteTicker.ACCESS_TOKEN, "NSE"),
                KiteInstruments.download(http, kite.api(), StandInKiteTicker.API_KEY, StandInKiteTicker.ACCESS_TOKEN, "NFO"));

        assertThat(KiteInstruments.read(dumps).forDay(List.of("NIFTY"), DAY, KiteInstruments.INDEX_NAMES)).hasSize(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> KiteInstruments.download(http, kite.api(), StandInKiteTicker.API_KEY, "expired", "NFO"))
                .hasMessageContaining("Kite answered 403").hasMessageContaining("wrong or expired");
    }

    @Test
    void shouldSubscribeInFullModeAndTurnEachPacketIntoATickNamedAsEveryServiceNamesIt() throws Exception {
        try (KiteTicker ticker = ticker(StandInKiteTicker.ACCESS_TOKEN)) {
            ticker.subscribe(List.of("NIFTY", "NIFTY25D0926050CE"), listener);
            await(() -> kite.said.size() == 2, "the subscription");

            assertThat(kite.logins).containsExactly("api_key=stand-in-key&access_token=stand-in-token");
            assertThat(kite.said).containsExactly("{\"a\":\"subscribe\",\"v\":[256265,10241794]}",
                    "{\"a\":\"mode\",\"v\":[\"full\",[256265,10241794]]}");

            kite.send(StandInKiteTicker.indexFull(NIFTY_50, "26010.75", AT),
                    StandInKiteTicker.full(NIFTY_CALL, "152.35", 1_234_567, 4_500_000, "152.30", "152.40", AT.plusSeconds(1)));
            MarketTick index = next();
            MarketTick call = next();

            assertThat(index.getInstrument()).isEqualTo("NIFTY");
            assertThat(index.getUnderlying()).isEqualTo("NIFTY");
            assertThat(index.getOption()).isNull();
            assertThat(index.getLastPrice()).isEqualByComparingTo("26010.75");
            assertThat(index.getExchangeTime()).isEqualTo(AT);
            assertThat(index.getMetadata().getMarketTime()).isEqualTo(AT);
            assertThat(call.getInstrument()).isEqualTo("NIFTY25D0926050CE");
            assertThat(call.getUnderlying()).isEqualTo("NIFTY");
            assertThat(call.getOption().getOptionType()).isEqualTo(OptionType.CE);
            assertThat(call.getOption().getStrike()).isEqualByComparingTo("26050");
            assertThat(call.getOption().getExpiry()).isEqualTo(LocalDate.of(2025, 12, 9));
            assertThat(call.getLastPrice()).isEqualByComparingTo("152.35");
            assertThat(call.getBid()).isEqualByComparingTo("152.30");
            assertThat(call.getAsk()).isEqualByComparingTo("152.40");
            assertThat(call.getVolume()).isEqualTo(1_234_567);
            assertThat(call.getOpenInterest()).isEqualTo(4_500_000);
            assertThat(call.getExchangeTime()).isEqualTo(AT.plusSeconds(1));
            assertThat(call.getMetadata().getProducer()).isEqualTo("market-feed.kite");

            // A broken message is dropped, not the connection; an instrument nobody asked for and a price of 0 (no
            // trade yet) make no tick.
            kite.sendRaw(new byte[] {0, 2, 0, 8, 1, 2});
            kite.send(StandInKiteTicker.ltp(408_065, "1500.00"), StandInKiteTicker.ltp(NIFTY_CALL, "0"),
                    StandInKiteTicker.ltp(NIFTY_CALL, "152.55"));
            MarketTick ltp = next();
            assertThat(ltp.getLastPrice()).isEqualByComparingTo("152.55");
            assertThat(ltp.getBid()).isNull();
            assertThat(ticker.dropped()).isEqualTo(3);
            assertThat(ticker.connections()).isEqualTo(1);
        }
    }

    @Test
    void shouldConnectAgainAndResubscribeWhenTheConnectionDropsMidDay() throws Exception {
        try (KiteTicker ticker = ticker(StandInKiteTicker.ACCESS_TOKEN)) {
            ticker.subscribe(List.of("NIFTY", "NIFTY25D0926050CE"), listener);
            await(() -> kite.said.size() == 2, "the subscription");
            kite.send(StandInKiteTicker.indexFull(NIFTY_50, "26010.75", AT));
            assertThat(next().getLastPrice()).isEqualByComparingTo("26010.75");

            // Kite goes away for 1.5 s: the ticker tries again (100, 200, 400, 800 ms ...) until it is back.
            kite.dropFor(1_500);
            await(() -> kite.said.size() == 4, "the second subscription");
            kite.send(StandInKiteTicker.indexFull(NIFTY_50, "26020.00", AT.plusSeconds(60)));

            assertThat(next().getLastPrice()).isEqualByComparingTo("26020.00");
            assertThat(kite.said.subList(2, 4)).isEqualTo(kite.said.subList(0, 2));
            assertThat(ticker.connections()).isEqualTo(2);
            assertThat(ended).isNotDone();
        }
    }

    @Test
    void shouldConnectAgainWhenAnOpenConnectionFallsSilent() throws Exception {
        try (KiteTicker ticker = ticker(StandInKiteTicker.ACCESS_TOKEN)) {
            ticker.subscribe(List.of("NIFTY"), listener);
            await(() -> kite.said.size() == 2, "the subscription");

            // The connection stays open but not even a heartbeat comes (a half-open TCP connection looks like this).
            kite.silent(true);
            await(() -> ticker.connections() == 2, "a new connection after 1 s of silence");
            kite.silent(false);
            await(() -> kite.said.size() == 4, "the second subscription");
            kite.send(StandInKiteTicker.ltp(NIFTY_50, "26010.75"));

            assertThat(next().getInstrument()).isEqualTo("NIFTY");
        }
    }

    @Test
    void shouldStopAtOnceWithTheReasonWhenKiteRefusesTheLogin() throws Exception {
        try (KiteTicker ticker = ticker("expired")) {
            ticker.subscribe(List.of("NIFTY"), listener);

            assertThat(ended.get(10, TimeUnit.SECONDS)).startsWith("Kite refused the ticker's login (HTTP 403)");
            assertThat(kite.logins).hasSize(1);
            assertThat(ticker.connections()).isZero();
        }
    }

    @Test
    void shouldGiveUpAfterItsAttemptsWithTheLastReason() throws Exception {
        KiteTicker.Settings settings = KiteTicker.Settings.kite(StandInKiteTicker.API_KEY, StandInKiteTicker.ACCESS_TOKEN)
                .at(java.net.URI.create("ws://127.0.0.1:9/")).retrying(Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(40), 3);
        try (KiteTicker ticker = new KiteTicker(settings, instruments(), Clock.systemUTC())) {
            ticker.subscribe(List.of("NIFTY"), listener);

            assertThat(ended.get(20, TimeUnit.SECONDS)).startsWith("no working connection to ws://127.0.0.1:9/ in 3 attempts; the last: ");
        }
    }

    @Test
    void shouldDoubleItsWaitBetweenAttemptsUpToTheLongest() {
        KiteTicker ticker = new KiteTicker(KiteTicker.Settings.kite("k", "t"), instruments(), Clock.systemUTC());

        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            waits.add(ticker.backoff(attempt).toSeconds());
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
    }

    @Test
    void shouldRefuseInstrumentsKitesListDoesNotHave() {
        try (KiteTicker ticker = ticker(StandInKiteTicker.ACCESS_TOKEN)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ticker.subscribe(List.of("NIFTY", "SENSEX"), listener))
                    .hasMessage("not in Kite's instrument list: SENSEX");
        }
    }

    private KiteTicker ticker(String accessToken) {
        KiteTicker.Settings settings = KiteTicker.Settings.kite(StandInKiteTicker.API_KEY, accessToken).at(kite.socket())
                .retrying(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(800), 50);
        return new KiteTicker(settings, instruments(), Clock.systemUTC());
    }

    private static List<KiteInstruments.Instrument> instruments() {
        return KiteInstruments.read(List.of(KiteInstrumentsTest.NSE, KiteInstrumentsTest.NFO))
                .forDay(List.of("NIFTY", "BANKNIFTY"), DAY, KiteInstruments.INDEX_NAMES);
    }

    private MarketTick next() throws InterruptedException {
        MarketTick tick = ticks.poll(10, TimeUnit.SECONDS);
        assertThat(tick).as("a tick within 10 s").isNotNull();
        return tick;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
