package com.alphastocks.feed;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.options.ExpiryCalendar;
import com.alphastocks.options.Underlying;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.wire.WireSettings;

/**
 * The market feed as its own process:
 * <pre>
 * java -jar market-feed/target/market-feed.jar --bootstrap 127.0.0.1:9092 [--synthetic [--date 2025-12-03] [--seed 42]]
 *      [--csv FILE] [--speed 1|60|max] [--write-csv FILE] [--registry URL]
 * </pre>
 * With {@code --write-csv} and no {@code --bootstrap} it only writes the day to a file (sample data).
 */
public final class MarketFeedMain {

    public static final LocalDate SAMPLE_DAY = LocalDate.of(2025, 12, 3);
    public static final ZoneId EXCHANGE = ZoneId.of("Asia/Kolkata");

    private MarketFeedMain() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        Path csv = null;
        Path writeCsv = null;
        LocalDate date = SAMPLE_DAY;
        long seed = 42;
        double speed = 0;
        WireSettings wire = WireSettings.EMBEDDED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--registry" -> wire = WireSettings.registry(value(args, ++i));
                case "--bootstrap" -> bootstrap = value(args, ++i);
                case "--csv" -> csv = Path.of(value(args, ++i));
                case "--write-csv" -> writeCsv = Path.of(value(args, ++i));
                case "--synthetic" -> { }
                case "--date" -> date = LocalDate.parse(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--speed" -> {
                    String s = value(args, ++i);
                    speed = s.equals("max") ? 0 : Double.parseDouble(s);
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (bootstrap == null && writeCsv == null) {
            usage("give --bootstrap to publish, or --write-csv FILE to write the day to a file");
        }
        TickCsv format = new TickCsv(DayOfWeek.TUESDAY, EXCHANGE);
        try (TickSource source = csv != null ? new CsvTickSource(csv, format) : sampleDay(date, seed)) {
            if (bootstrap == null) {
                long written = write(source, writeCsv, format);
                System.out.printf("wrote %,d ticks of %s to %s%n", written, date, writeCsv);
                return;
            }
            TickSource published = writeCsv == null ? source : tee(source, writeCsv, format);
            try (KafkaProducer<String, Object> producer = EventClients.producer(bootstrap, wire)) {
                FeedPublisher.Result result = new FeedPublisher(producer, speed, System.out::println).publish(published);
                System.out.printf("market feed: done, %,d ticks from %s to %s in %.1f s (%,.0f ticks/s)%n", result.ticks(),
                        result.firstExchangeTime(), result.lastExchangeTime(), result.wall().toMillis() / 1000.0, result.ticksPerSecond());
            }
            published.close();
        } catch (IllegalArgumentException e) {
            System.err.println("market feed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** NIFTY (weekly expiries) and BANKNIFTY (monthly), from 21,500 and 48,000: the day the main job replays. */
    public static SyntheticDay sampleDay(LocalDate date, long seed) {
        List<SyntheticDay.Walk> walks = List.of(
                new SyntheticDay.Walk(new Underlying("NIFTY", new BigDecimal("50"), 1, Underlying.ExpiryCycle.WEEKLY, DayOfWeek.TUESDAY),
                        new BigDecimal("21500"), 0.9),
                new SyntheticDay.Walk(new Underlying("BANKNIFTY", new BigDecimal("100"), 1, Underlying.ExpiryCycle.MONTHLY, DayOfWeek.TUESDAY),
                        new BigDecimal("48000"), 1.1));
        return new SyntheticDay(walks, SyntheticDay.Settings.defaults(date), seed, new ExpiryCalendar(Set.of()));
    }

    private static long write(TickSource source, Path file, TickCsv format) throws Exception {
        long count = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(TickCsv.HEADER);
            out.newLine();
            for (Optional<MarketTick> tick = source.next(); tick.isPresent(); tick = source.next()) {
                out.write(format.format(tick.get()));
                out.newLine();
                count++;
            }
        }
        return count;
    }

    /** The source, each tick also written to {@code file} as it passes. */
    private static TickSource tee(TickSource source, Path file, TickCsv format) throws Exception {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(TickCsv.HEADER);
        out.newLine();
        List<Exception> problems = new ArrayList<>();
        return new TickSource() {
            @Override
            public Optional<MarketTick> next() {
                Optional<MarketTick> tick = source.next();
                tick.ifPresent(t -> {
                    try {
                        out.write(format.format(t));
                        out.newLine();
                    } catch (java.io.IOException e) {
                        problems.add(e);
                    }
                });
                return tick;
            }

            @Override
            public void close() {
                try {
                    out.close();
                } catch (java.io.IOException e) {
                    problems.add(e);
                }
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("could not write " + file + ": " + problems.get(0).getMessage());
                }
            }
        };
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("market feed: " + problem + "\nusage: java -jar market-feed.jar --bootstrap HOST:PORT "
                + "[--synthetic [--date 2025-12-03] [--seed 42]] [--csv FILE] [--speed 1|60|max] [--write-csv FILE] [--registry URL]");
        System.exit(2);
    }
}
