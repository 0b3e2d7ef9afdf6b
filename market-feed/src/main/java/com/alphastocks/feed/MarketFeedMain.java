package com.alphastocks.feed;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.net.URI;
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
import java.util.concurrent.Callable;

import org.apache.kafka.clients.producer.KafkaProducer;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.feed.kite.KiteInstruments;
import com.alphastocks.feed.kite.KiteTicker;
import com.alphastocks.options.ExpiryCalendar;
import com.alphastocks.options.Underlying;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.wire.WireSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The market feed as its own process:
 * <pre>
 * java -jar market-feed/target/market-feed.jar --bootstrap 127.0.0.1:9092 [--synthetic [--date 2025-12-03] [--seed 42]]
 *      [--csv FILE] [--speed 1|60|max] [--write-csv FILE] [--registry URL]
 *      [--kite [--underlyings NIFTY,BANKNIFTY] [--kite-mode full|quote|ltp] [--kite-socket URI] [--kite-api URI]]
 * </pre>
 * With {@code --write-csv} and no {@code --bootstrap} it only writes the day to a file (sample data). With
 * {@code --kite} it streams the live market from Kite Connect's ticker, with the live gateway's account
 * ({@code ALPHASTOCKS_GATEWAY_LIVE_API_KEY}, {@code ALPHASTOCKS_GATEWAY_LIVE_ACCESS_TOKEN} in the environment): each
 * underlying's index and the options of its nearest expiry, until stopped.
 */
@Command(name = "market-feed", sortOptions = false, description = "Publishes market.ticks: a synthetic day, a CSV replay or Kite's live ticker.")
public final class MarketFeedMain implements Callable<Integer> {

    public static final LocalDate SAMPLE_DAY = LocalDate.of(2025, 12, 3);
    public static final ZoneId EXCHANGE = ZoneId.of("Asia/Kolkata");

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "the broker to publish market.ticks to")
    private String bootstrap;
    @Option(names = "--synthetic", description = "the synthetic day (the default source)")
    private boolean synthetic;
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "the synthetic day's date (default: ${DEFAULT-VALUE})")
    private LocalDate date = SAMPLE_DAY;
    @Option(names = "--seed", paramLabel = "N", description = "the synthetic day's random seed (default: ${DEFAULT-VALUE})")
    private long seed = 42;
    @Option(names = "--csv", paramLabel = "FILE", description = "replay ticks from a CSV file")
    private Path csv;
    @Option(names = "--speed", paramLabel = "1|60|max", converter = Speed.class,
            description = "times exchange time the day is replayed at; max (the default) as fast as it goes")
    private double speed = 0;
    @Option(names = "--write-csv", paramLabel = "FILE", description = "also (or, without --bootstrap, only) write the ticks to a file")
    private Path writeCsv;
    @Option(names = "--registry", paramLabel = "URL", description = "the registry wire mode, with this schema registry")
    private String registry;
    @Option(names = "--kite", description = "stream the live market from Kite Connect's ticker "
            + "(ALPHASTOCKS_GATEWAY_LIVE_API_KEY and _ACCESS_TOKEN in the environment)")
    private boolean kite;
    @Option(names = "--underlyings", split = ",", paramLabel = "NAME", description = "with --kite (default: NIFTY,BANKNIFTY)")
    private List<String> underlyings = List.of("NIFTY", "BANKNIFTY");
    @Option(names = "--kite-mode", paramLabel = "full|quote|ltp", description = "with --kite (default: full)")
    private KiteTicker.Mode kiteMode = KiteTicker.Mode.FULL;
    @Option(names = "--kite-socket", paramLabel = "URI", description = "with --kite: the ticker's address")
    private URI kiteSocket = KiteTicker.Settings.KITE;
    @Option(names = "--kite-api", paramLabel = "URI", description = "with --kite: the REST API the instrument lists come from")
    private URI kiteApi = KITE_API;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    private boolean help;
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        int status = new CommandLine(new MarketFeedMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** "max" or a positive number of times exchange time. */
    static final class Speed implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                double speed = text.equals("max") ? 0 : Double.parseDouble(text);
                if (speed >= 0) {
                    return speed;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new CommandLine.TypeConversionException("a positive number or max, not '" + text + "'");
        }
    }

    @Override
    public Integer call() throws Exception {
        WireSettings wire = registry == null ? WireSettings.EMBEDDED : WireSettings.registry(registry);
        if (bootstrap == null && writeCsv == null) {
            throw new ParameterException(spec.commandLine(), "give --bootstrap to publish, or --write-csv FILE to write the day to a file");
        }
        TickCsv format = new TickCsv(DayOfWeek.TUESDAY, EXCHANGE);
        if (kite && bootstrap == null) {
            throw new ParameterException(spec.commandLine(), "--kite streams to a broker: give --bootstrap");
        }
        KiteTicker.Settings kiteSettings = kite ? KiteTicker.Settings.kite(secret("ALPHASTOCKS_GATEWAY_LIVE_API_KEY"),
                secret("ALPHASTOCKS_GATEWAY_LIVE_ACCESS_TOKEN")).at(kiteSocket).in(kiteMode) : null;
        try (TickSource source = kite ? kite(kiteSettings, kiteApi, underlyings, LocalDate.now(EXCHANGE), System.out::println)
                : csv != null ? new CsvTickSource(csv, format) : sampleDay(date, seed)) {
            if (bootstrap == null) {
                long written = write(source, writeCsv, format);
                System.out.printf("wrote %,d ticks of %s to %s%n", written, date, writeCsv);
                return 0;
            }
            TickSource published = writeCsv == null ? source : tee(source, writeCsv, format);
            try (KafkaProducer<String, Object> producer = EventClients.producer(bootstrap, wire)) {
                FeedPublisher.Result result = new FeedPublisher(producer, speed, System.out::println).publish(published);
                System.out.printf("market feed: done, %,d ticks from %s to %s in %.1f s (%,.0f ticks/s)%n", result.ticks(),
                        result.firstExchangeTime(), result.lastExchangeTime(), result.wall().toMillis() / 1000.0, result.ticksPerSecond());
            }
            published.close();
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("market feed: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    public static final URI KITE_API = URI.create("https://api.kite.trade");

    /**
     * Kite's live market for {@code day}: the instrument lists read from Kite's REST API, then the ticker subscribed to
     * each underlying's index and the options of its nearest expiry.
     */
    public static BrokerStream kite(KiteTicker.Settings settings, URI api, List<String> underlyings, LocalDate day,
                                    java.util.function.Consumer<String> progress) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        KiteInstruments list = KiteInstruments.read(List.of(
                KiteInstruments.download(http, api, settings.apiKey(), settings.accessToken(), "NSE"),
                KiteInstruments.download(http, api, settings.apiKey(), settings.accessToken(), "NFO")));
        List<KiteInstruments.Instrument> instruments = list.forDay(underlyings, day, KiteInstruments.INDEX_NAMES);
        List<String> what = new ArrayList<>();
        for (String underlying : underlyings) {
            List<KiteInstruments.Instrument> options = instruments.stream().filter(o -> o.option() && o.underlying().equals(underlying)).toList();
            what.add(underlying + " and " + options.size() + " options expiring " + options.get(0).expiry());
        }
        progress.accept(String.format("market feed: streaming %d instruments from %s in %s mode: %s", instruments.size(),
                settings.socket(), settings.mode().name().toLowerCase(java.util.Locale.ROOT), String.join(", ", what)));
        return new BrokerStream(new KiteTicker(settings, instruments, java.time.Clock.systemUTC()),
                instruments.stream().map(KiteInstruments.Instrument::symbol).toList());
    }

    private String secret(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--kite needs the account's " + name + " in the environment");
        }
        return value;
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
}
