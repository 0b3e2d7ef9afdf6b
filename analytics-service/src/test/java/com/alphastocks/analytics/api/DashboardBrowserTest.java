package com.alphastocks.analytics.api;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.alphastocks.kafka.KafkaTestResource;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.wire.WireSettings;
import com.alphastocks.testkit.SampleEvents;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/**
 * The dashboard page in a real browser: headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it)
 * loads {@code /}, runs its script, follows the live stream, and the page it ends with must show the week's score,
 * an open position with its unrealised P&L, the DLQ, consumer lag, the recent events by priority, and the charts of the
 * market's newest day (equity curve, each underlying's price with its entries and exits) with the data they were given;
 * readable at 1,400 px and on a phone (no sideways scroll). Screenshots of both go to {@code target/}. Skipped, with
 * the reason, where no Chromium is installed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The minutes of a session, 09:15 to 15:29. */
    private static final int MINUTES = 375;

    @TestHTTPResource("/")
    URL page;

    @TempDir
    Path profile;

    @Test
    void shouldShowTheTradingDayLiveInABrowser() throws Exception {
        Optional<String> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium to drive: install Debian's chromium (apt-get install chromium), "
                + "or name the binary in ALPHASTOCKS_CHROMIUM; .ci/run installs it");
        // Now, not in the fixture's week: the page shows the newest events, and the other tests' weeks are on the topics too.
        Instant opening = Instant.now().minusSeconds(60);
        try (KafkaProducer<String, Object> producer = EventClients.producer(SharedKafka.bootstrapServers(), WireSettings.EMBEDDED);
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            // Thursday's market, a price a minute for each underlying (09:15 to 15:29): the day the charts draw.
            for (int minute = 0; minute < MINUTES; minute++) {
                Instant at = SampleEvents.at(SampleEvents.THURSDAY, "09:15").plusSeconds(60L * minute);
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "NIFTY", SampleEvents.tick("NIFTY",
                        Integer.toString(21500 + minute % 40), at)));
                producer.send(new ProducerRecord<>(Topic.MARKET_TICKS.topicName(), "BANKNIFTY", SampleEvents.tick("BANKNIFTY",
                        Integer.toString(59000 - minute % 90), at)));
            }
            producer.flush();
            for (SampleEvents.Published e : SampleEvents.theWeek("d-")) {
                producer.send(new ProducerRecord<>(e.topic().topicName(), null, e.at().toEpochMilli(), e.key(), e.event())).get();
            }
            producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), "d-open",
                    SampleEvents.opened("d-open", "d-RSI", "NIFTY25D0921500CE", 150, "180", opening))).get();
            producer.send(new ProducerRecord<>(Topic.POSITION_UPDATED.topicName(), "d-open",
                    SampleEvents.marked("d-open", 150, "189.6", "1440", "126", opening.plusSeconds(30)))).get();
            var dead = new ProducerRecord<String, byte[]>(Topic.DLQ.topicName(), "k", "junk".getBytes(StandardCharsets.UTF_8));
            dead.headers().add(DeadLetters.SERVICE, "dashboard-test-service".getBytes(StandardCharsets.UTF_8));
            raw.send(dead).get();
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/dashboard").then().statusCode(200)
                .body("openPositions.positionId", hasItem("pos-d-open"))
                // Its mark too: the opening and the update are two topics, taken in turn.
                .body("openPositions.find { it.positionId == 'pos-d-open' }.currentPremium.toString()", org.hamcrest.Matchers.startsWith("189.6"))
                .body("strategies.name", hasItem("d-RSI"))
                // The whole week scored: its trades come on several topics, taken in time order.
                .body("strategies.find { it.name == 'd-RSI' }.trades", org.hamcrest.Matchers.equalTo(5))
                .body("strategies.find { it.name == 'd-MACD' }.trades", org.hamcrest.Matchers.equalTo(2))
                .body("dlqByService.keySet()", hasItem("dashboard-test-service"))
                // The charts' day: the market's newest, Thursday, with the week's Thursday trades on it.
                .body("chart.day", org.hamcrest.Matchers.equalTo("2025-12-04"))
                .body("chart.equity.keySet()", org.hamcrest.Matchers.hasItems("account", "d-RSI", "d-MACD"))
                .body("chart.prices.NIFTY.size()", org.hamcrest.Matchers.equalTo(MINUTES)));

        String dom;
        String phoneOverflow;
        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), profile, page.toString())) {
            // Live: the stream's snapshots reach the page (the status says so), with our open position and the charts in them.
            dom = browser.awaitDom(d -> d.contains("class=\"live\"") && d.contains("data-position=\"pos-d-open\"")
                    && d.contains("id=\"price-BANKNIFTY\""), WAIT);
            Files.write(Path.of("target", "dashboard-1400px.png"), browser.screenshot());
            assertThat(browser.evaluate("String(document.documentElement.scrollWidth <= innerWidth)")).as("no sideways scroll at 1,400 px")
                    .isEqualTo("true");
            browser.viewport(390, 844, true);
            Thread.sleep(500);
            phoneOverflow = browser.evaluate("String(document.documentElement.scrollWidth - innerWidth)");
            Files.write(Path.of("target", "dashboard-phone.png"), browser.screenshot());
        }
        // On a phone the page fits the screen's width (wide tables scroll inside their own box).
        assertThat(Integer.parseInt(phoneOverflow)).as("sideways overflow on a 390 px phone").isLessThanOrEqualTo(0);

        // The charts carry the run's data: the equity curve's series and closes, each underlying's minutes and its marks.
        String equity = tag(dom, "id=\"equity\"");
        assertThat(attribute(equity, "data-series").split(",")).contains("account", "d-RSI", "d-MACD");
        assertThat(Integer.parseInt(attribute(equity, "data-trades"))).isGreaterThanOrEqualTo(4);
        String nifty = tag(dom, "id=\"price-NIFTY\"");
        assertThat(attribute(nifty, "data-minutes")).isEqualTo(Integer.toString(MINUTES));
        // d-r4 and d-r5: entered 09:30 and 12:00, out 11:30 and 14:30 (other tests' weeks may add theirs).
        assertThat(Integer.parseInt(attribute(nifty, "data-entries"))).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(attribute(nifty, "data-exits"))).isGreaterThanOrEqualTo(2);
        String banknifty = tag(dom, "id=\"price-BANKNIFTY\"");
        assertThat(Integer.parseInt(attribute(banknifty, "data-exits"))).isGreaterThanOrEqualTo(2);
        assertThat(dom.split("<canvas", -1).length - 1).as("uPlot's canvases: equity, NIFTY, BANKNIFTY").isGreaterThanOrEqualTo(3);
        assertThat(text(dom, "market")).isEqualTo("market: 4 Dec 2025, 15:29 IST");

        assertThat(dom).contains("live · updated");
        assertThat(row(dom, "data-position=\"pos-d-open\"")).containsSubsequence("d-RSI", "NIFTY25D0921500CE", "150", "180.00", "189.60",
                "126.00", "1,440.00");
        // The week's RSI: 5 trades, 60 % won, net 1,500, profit factor 1.75.
        assertThat(row(dom, "data-strategy=\"d-RSI\"")).containsSubsequence(">5<", ">60<", "1,500.00", "1.75");
        assertThat(row(dom, "data-strategy=\"d-MACD\"")).containsSubsequence(">2<", ">0<", "-500.00");
        assertThat(dom).contains("dashboard-test-service");
        assertThat(Integer.parseInt(text(dom, "dlq-total").replace(",", ""))).isPositive();
        assertThat(dom).contains("data-group=\"analytics-service\"");
        assertThat(text(dom, "lag-total")).matches("[0-9,]+");
        assertThat(dom).contains("data-priority=\"NORMAL\"").contains("POSITION_OPENED").contains("d-RSI NIFTY25D0921500CE 150");
    }

    /** The opening tag that carries {@code attribute}. */
    private static String tag(String dom, String attribute) {
        int at = dom.indexOf(attribute);
        assertThat(at).as("an element with %s in the page", attribute).isNotNegative();
        return dom.substring(dom.lastIndexOf('<', at), dom.indexOf('>', at));
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(tag);
        assertThat(m.find()).as("%s in %s", name, tag).isTrue();
        return m.group(1);
    }

    /** The table row that carries {@code attribute}. */
    private static String row(String dom, String attribute) {
        int at = dom.indexOf(attribute);
        assertThat(at).as("a row with %s in the page", attribute).isNotNegative();
        return dom.substring(at, dom.indexOf("</tr>", at));
    }

    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
        assertThat(m.find()).as("#%s in the page", id).isTrue();
        return m.group(1);
    }
}
