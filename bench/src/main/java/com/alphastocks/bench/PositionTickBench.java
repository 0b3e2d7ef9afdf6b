package com.alphastocks.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.ExitRules;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.Priority;
import com.alphastocks.launcher.Home;
import com.alphastocks.launcher.LocalStack;
import com.alphastocks.streams.ClusterAdmin;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.EventIds;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;

/**
 * Ticks per second one position-service instance evaluates with 1,000 open positions over 200 option instruments
 * (5 each): a backlog of ticks that never trigger an exit, timed until the service's consumer group has committed
 * all of them (the services' guarantee, commit interval 100 ms).
 * <pre>java -Dalphastocks.home=. -cp bench/target/bench.jar com.alphastocks.bench.PositionTickBench [TICKS [JSON]]</pre>
 */
public final class PositionTickBench {

    private static final int INSTRUMENTS = 200;
    private static final int POSITIONS_EACH = 5;

    private PositionTickBench() {
    }

    public static void main(String[] args) throws Exception {
        int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path json = args.length > 1 ? Path.of(args[1]) : null;
        Map<String, Object> results = new LinkedHashMap<>();
        try (LocalStack stack = new LocalStack(Home.fromSystemProperty(), "bench-key")) {
            String bootstrap = stack.startBroker(Duration.ofSeconds(120));
            stack.startServices(List.of("position-service"), Duration.ofSeconds(120), BenchReport.serviceSettings());
            Envelope envelope = new Envelope("bench", Clock.systemUTC());
            Instant start = Instant.parse("2025-12-03T04:00:00Z");
            try (KafkaProducer<String, Object> producer = EventClients.producer(bootstrap, WireSettings.EMBEDDED);
                 ClusterAdmin admin = ClusterAdmin.at(bootstrap)) {
                for (int i = 0; i < INSTRUMENTS; i++) {
                    for (int j = 0; j < POSITIONS_EACH; j++) {
                        String signalId = "bench-" + i + "-" + j;
                        producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), signalId, position(envelope, signalId, instrument(i))));
                    }
                }
                producer.flush();
                admin.awaitCaughtUp("position-service", List.of(Topic.POSITION_OPENED.topicName()), Duration.ofMinutes(2));
                // The same ticks for the warm-up and the measured run: a tenth of them first, to let the JIT settle.
                publish(producer, envelope, start, ticks / 10, new Random(1));
                admin.awaitCaughtUp("position-service", List.of(Topic.MARKET_TICKS.topicName()), Duration.ofMinutes(5));

                long began = System.nanoTime();
                publish(producer, envelope, start.plusSeconds(ticks), ticks, new Random(2));
                double published = (System.nanoTime() - began) / 1e9;
                admin.awaitCaughtUp("position-service", List.of(Topic.MARKET_TICKS.topicName()), Duration.ofMinutes(20));
                double seconds = (System.nanoTime() - began) / 1e9;
                results.put("open_positions", INSTRUMENTS * POSITIONS_EACH);
                results.put("instruments", INSTRUMENTS);
                results.put("ticks", ticks);
                results.put("ticks_published_per_s", Math.round(ticks / published));
                results.put("ticks_per_s", Math.round(ticks / seconds));
                results.put("setup", "position-service alone (paper, " + BenchReport.guarantee() + ", commit interval 100 ms, 1 stream thread), "
                        + "6-partition market.ticks, local broker, producer and service on one 2-core machine; no tick triggers an exit");
                results.put("peak_rss_mb", stack.peakRssMb());
            }
        }
        BenchReport.report("position-service tick path", results, json);
    }

    private static void publish(KafkaProducer<String, Object> producer, Envelope envelope, Instant from, int count, Random random) {
        for (int n = 0; n < count; n++) {
            int i = n % INSTRUMENTS;
            String instrument = instrument(i);
            BigDecimal price = BigDecimal.valueOf(95 + random.nextInt(1000) / 100.0);
            producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), instrument, MarketTick.newBuilder()
                    .setMetadata(envelope.metadataAt(from, EventType.MARKET_TICK, EventIds.random(), instrument, null, Priority.LOW))
                    .setInstrument(instrument).setUnderlying("NIFTY").setOption(null)
                    .setLastPrice(Decimals.scaled(price)).setBid(null).setAsk(null).setVolume(1).setOpenInterest(1).setImpliedVolatility(null)
                    .setExchangeTime(from.plusSeconds(n / INSTRUMENTS)).build()));
        }
        producer.flush();
    }

    private static String instrument(int i) {
        return "NIFTY25D09" + (20000 + 50 * i) + "CE";
    }

    static PositionOpened position(Envelope envelope, String signalId, String instrument) {
        return PositionOpened.newBuilder()
                .setMetadata(envelope.metadata(EventType.POSITION_OPENED, EventIds.random(), signalId, null, Priority.HIGH))
                .setPositionId("pos-" + signalId).setSignalId(signalId).setStrategy("BENCH").setUnderlying("NIFTY").setInstrument(instrument)
                .setOption(OptionContract.newBuilder().setOptionType(OptionType.CE).setStrike(Decimals.of("21500"))
                        .setExpiry(LocalDate.of(2026, 12, 29)).build())
                .setLots(1).setLotSize(75).setQuantity(75).setEntryPremium(Decimals.of("100"))
                .setExitRules(ExitRules.newBuilder().setStopLossPremium(Decimals.of("50")).setTargetPremium(Decimals.of("200"))
                        .setSecondTargetPremium(null).setPartialExitFraction(null).setTrailingActivationPremium(null)
                        .setTrailingGapPct(null).setTrailingLockPct(null).setMaxHoldingMinutes(null).setSquareOffTime(null)
                        .setOvernightAllowed(true).build())
                .build();
    }
}
