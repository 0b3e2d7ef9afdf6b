package com.alphastocks.analytics.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

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

import com.alphastocks.analytics.Events;
import com.alphastocks.kafka.KafkaTestResource;
import com.alphastocks.kafka.SharedKafka;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;
import com.alphastocks.streams.dlq.DeadLetters;
import com.alphastocks.streams.wire.WireSettings;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard page in a real browser: headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it)
 * loads {@code /}, runs its script, follows the live stream, and the page it ends with must show the week's score,
 * an open position with its unrealised P&L, the DLQ, consumer lag and the recent events by priority. Skipped, with
 * the reason, where no Chromium is installed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

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
            for (Events.Published e : Events.theWeek("d-")) {
                producer.send(new ProducerRecord<>(e.topic().topicName(), null, e.at().toEpochMilli(), e.key(), e.event())).get();
            }
            producer.send(new ProducerRecord<>(Topic.POSITION_OPENED.topicName(), "d-open",
                    Events.opened("d-open", "d-RSI", "NIFTY25D0921500CE", 150, "180", opening))).get();
            producer.send(new ProducerRecord<>(Topic.POSITION_UPDATED.topicName(), "d-open",
                    Events.marked("d-open", 150, "189.6", "1440", "126", opening.plusSeconds(30)))).get();
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
                .body("dlqByService.keySet()", hasItem("dashboard-test-service")));

        String dom;
        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), profile, page.toString())) {
            // Live: the stream's snapshots reach the page (the status says so), with our open position in them.
            dom = browser.awaitDom(d -> d.contains("class=\"live\"") && d.contains("data-position=\"pos-d-open\""), WAIT);
        }

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
