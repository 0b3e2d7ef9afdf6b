package com.alphastocks.feed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionType;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketFeedTest {

    private static final TickCsv CSV = new TickCsv(DayOfWeek.TUESDAY, MarketFeedMain.EXCHANGE);

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheSameDayForTheSameSeedAndAnotherForAnother() {
        assertThat(lines(MarketFeedMain.sampleDay(MarketFeedMain.SAMPLE_DAY, 42), 2_000))
                .isEqualTo(lines(MarketFeedMain.sampleDay(MarketFeedMain.SAMPLE_DAY, 42), 2_000))
                .isNotEqualTo(lines(MarketFeedMain.sampleDay(MarketFeedMain.SAMPLE_DAY, 43), 2_000));
    }

    @Test
    void shouldTickTheUnderlyingsAllDayAndTheirChainsAroundTheMoney() {
        List<MarketTick> day = all(MarketFeedMain.sampleDay(MarketFeedMain.SAMPLE_DAY, 42));
        List<MarketTick> nifty = day.stream().filter(t -> t.getInstrument().equals("NIFTY")).toList();
        List<MarketTick> niftyOptions = day.stream().filter(t -> t.getUnderlying().equals("NIFTY") && t.getOption() != null).toList();

        // 09:15 to 15:30 every 5 s: 4,501 ticks; the chain every third: 1,501 times 13 strikes, calls and puts.
        assertThat(nifty).hasSize(4_501);
        assertThat(nifty.get(0).getExchangeTime()).isEqualTo(java.time.Instant.parse("2025-12-03T03:45:00Z"));
        assertThat(nifty.get(nifty.size() - 1).getExchangeTime()).isEqualTo(java.time.Instant.parse("2025-12-03T10:00:00Z"));
        assertThat(niftyOptions).hasSize(1_501 * 13 * 2);
        // Wednesday 3 Dec 2025: NIFTY's next weekly expiry with 2 days or more is Tuesday 9 Dec.
        assertThat(niftyOptions).allSatisfy(t -> {
            assertThat(t.getInstrument()).startsWith("NIFTY25D09");
            assertThat(t.getOption().getExpiry()).isEqualTo(LocalDate.of(2025, 12, 9));
            assertThat(t.getBid()).isLessThan(t.getAsk());
            assertThat(t.getLastPrice()).isBetween(t.getBid(), t.getAsk());
        });
        assertThat(niftyOptions).extracting(t -> t.getOption().getOptionType()).contains(OptionType.CE, OptionType.PE);
        assertThat(day).isSortedAccordingTo(java.util.Comparator.comparing(MarketTick::getExchangeTime));
    }

    @Test
    void shouldWriteAndReadTheCsvFormatWithoutLosingAnything() {
        List<MarketTick> ticks = new ArrayList<>();
        SyntheticDay day = MarketFeedMain.sampleDay(MarketFeedMain.SAMPLE_DAY, 7);
        for (int i = 0; i < 300; i++) {
            ticks.add(day.next().orElseThrow());
        }

        for (MarketTick tick : ticks) {
            MarketTick read = CSV.parse(CSV.format(tick), 2);
            assertThat(read.getInstrument()).isEqualTo(tick.getInstrument());
            assertThat(read.getOption()).isEqualTo(tick.getOption());
            assertThat(read.getLastPrice()).isEqualByComparingTo(tick.getLastPrice());
            assertThat(read.getExchangeTime()).isEqualTo(tick.getExchangeTime());
            assertThat(read.getMetadata().getEventId()).isEqualTo(tick.getMetadata().getEventId());
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-12-03T09:15:00+05:30,NIFTY,NIFTY,21500                             | line 7: expected 9 fields
            09:15,NIFTY,NIFTY,21500,,,0,0,                                          | line 7: exchange_time '09:15' is not an ISO-8601 time with offset
            2025-12-03T09:15:00+05:30,NIFTY,NIFTY,abc,,,0,0,                        | line 7: last_price 'abc' is not a number
            2025-12-03T09:15:00+05:30,NIFTY,NIFTY,-5,,,0,0,                         | line 7: last_price must be positive, not -5
            2025-12-03T09:15:00+05:30,NIFTY,NIFTY,21500,,,lots,0,                   | line 7: volume 'lots' is not a whole number
            2025-12-03T09:15:00+05:30,NIFTYX21500,NIFTY,150,,,0,0,                  | line 7: instrument NIFTYX21500 is neither its underlying NIFTY nor an option symbol
            2025-12-03T09:15:00+05:30,,NIFTY,150,,,0,0,                             | line 7: instrument is empty
            """)
    void shouldRefuseABadLineNamingItsNumberAndWhatIsWrong(String line, String problem) {
        assertThatThrownBy(() -> CSV.parse(line, 7)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(problem);
    }

    @Test
    void shouldNameTheFileAndLineOfABadRowInAReplay() throws Exception {
        Path file = dir.resolve("ticks.csv");
        Files.writeString(file, TickCsv.HEADER + "\n2025-12-03T09:15:00+05:30,NIFTY,NIFTY,21500,,,0,0,\n\n"
                + "2025-12-03T09:15:05+05:30,NIFTY,NIFTY,21,510,,,0,0,\n");

        try (CsvTickSource source = new CsvTickSource(file, CSV)) {
            assertThat(source.next()).isPresent();
            assertThatThrownBy(source::next).hasMessage(file + " line 4: expected 9 fields (" + TickCsv.HEADER + "), found 10");
        }
        Files.writeString(file, "time,price\n");
        assertThatThrownBy(() -> new CsvTickSource(file, CSV)).hasMessage(file + " line 1: the header must be " + TickCsv.HEADER);
    }

    @Test
    void shouldPublishEveryTickKeyedByInstrument() throws Exception {
        TestTopics.ensureAll(6);
        Path file = dir.resolve("replay.csv");
        Files.writeString(file, TickCsv.HEADER + "\n"
                + "2025-12-03T09:15:00+05:30,FINNIFTY,FINNIFTY,23000,,,0,0,\n"
                + "2025-12-03T09:15:01+05:30,FINNIFTY25DEC23000CE,FINNIFTY,210.5,210.4,210.6,120,4000,14.9\n");

        FeedPublisher.Result result;
        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
             CsvTickSource source = new CsvTickSource(file, CSV)) {
            result = new FeedPublisher(producer, 0, line -> { }).publish(source);
        }

        assertThat(result.ticks()).isEqualTo(2);
        try (KafkaConsumer<String, Object> reader = EventClients.reader(SharedKafka.bootstrapServers())) {
            var option = EventClients.awaitRecord(reader, Topic.MARKET_TICKS.topicName(),
                    r -> r.key().equals("FINNIFTY25DEC23000CE"), Duration.ofSeconds(30)).orElseThrow();
            MarketTick tick = (MarketTick) option.value();
            assertThat(tick.getOption().getExpiry()).as("the last Tuesday of December 2025").isEqualTo(LocalDate.of(2025, 12, 30));
            assertThat(tick.getOpenInterest()).isEqualTo(4000);
        }
    }

    private static List<String> lines(TickSource source, int count) {
        List<String> lines = new ArrayList<>();
        for (Optional<MarketTick> tick = source.next(); tick.isPresent() && lines.size() < count; tick = source.next()) {
            lines.add(CSV.format(tick.get()));
        }
        return lines;
    }

    private static List<MarketTick> all(TickSource source) {
        List<MarketTick> ticks = new ArrayList<>();
        for (Optional<MarketTick> tick = source.next(); tick.isPresent(); tick = source.next()) {
            ticks.add(tick.get());
        }
        return ticks;
    }
}
