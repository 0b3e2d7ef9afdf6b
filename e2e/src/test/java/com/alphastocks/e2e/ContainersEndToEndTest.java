package com.alphastocks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import com.alphastocks.bench.PipelineLoad;
import com.alphastocks.launcher.NotificationInbox;
import com.alphastocks.launcher.Outcomes;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventClients;
import com.alphastocks.streams.Topic;

/**
 * The images as users deploy them, under Testcontainers: the broker image and the five service images (host network,
 * everything on 127.0.0.1), signals and ticks sent in, orders, positions and exits out; then the executor's container
 * killed (SIGKILL) with signals in flight and started again: every signal has its one outcome, no order or exit twice.
 * Skipped, with the reason, where no container engine is reachable or the images are not built (./alphastocks images);
 * with ALPHASTOCKS_E2E_REQUIRED=true (CI) those are failures instead.
 */
class ContainersEndToEndTest {

    private static final String VERSION = System.getProperty("alphastocks.version", "0.1.0-SNAPSHOT");
    /** Ports of their own, beside a local compose stack (9092, 8081-8085) or a run that may be up. */
    private static final int BROKER_PORT = 19092;
    private static final String BOOTSTRAP = "127.0.0.1:" + BROKER_PORT;
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>(Map.of());
    private static final Duration START = Duration.ofSeconds(180);
    private static final int SIGNALS = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final List<GenericContainer<?>> CONTAINERS = new ArrayList<>();
    private static NotificationInbox inbox;
    private static final Map<String, GenericContainer<?>> BY_NAME = new LinkedHashMap<>();

    static {
        int port = 18081;
        for (String service : List.of("signal-service", "executor-service", "position-service", "notification-service", "analytics-service")) {
            SERVICES.put(service, port++);
        }
    }

    /** Why the test cannot run here; null when it can. */
    private static String skipped;

    @BeforeAll
    static void startTheImages() throws Exception {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            skip("no container engine reachable (Docker, or Podman's API socket in DOCKER_HOST; .ci/run starts one): "
                    + "the deployed images are not tested here");
            return;
        }
        List<String> images = new ArrayList<>(List.of(image("local-kafka")));
        SERVICES.keySet().forEach(s -> images.add(image(s)));
        for (String image : images) {
            if (!exists(image)) {
                skip("image " + image + " is not built (./alphastocks images): the deployed images are not tested here");
                return;
            }
        }

        GenericContainer<?> broker = container("kafka", image("local-kafka"))
                .withCommand("--data", "/tmp/kafka", "--port", Integer.toString(BROKER_PORT))
                .waitingFor(Wait.forLogMessage(".*READY .*\\n", 1).withStartupTimeout(START));
        startOrSay(broker);

        // The services read their settings from config/application.properties in their working directory, as the
        // local compose stack gives them; risk limits out of the way, so that every signal may trade.
        Properties settings = new Properties();
        settings.putAll(PipelineLoad.settings());
        settings.put("kafka-streams.commit.interval.ms", "100");
        // The notification-service's webhook channel posts to an inbox of this test's (no Telegram bot or SMTP here).
        inbox = new NotificationInbox(Files.createDirectories(Path.of("target")).resolve("e2e-notifications.log"));
        settings.put("alphastocks.notify.webhook.url", inbox.url());
        settings.put("alphastocks.notify.webhook.per-second", "200");
        settings.put("alphastocks.notify.webhook.burst", "50");
        java.io.StringWriter text = new java.io.StringWriter();
        settings.store(text, "ContainersEndToEndTest");
        List<GenericContainer<?>> services = new ArrayList<>();
        SERVICES.forEach((service, port) -> services.add(container(service, image(service))
                .withEnv("KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP)
                .withEnv("QUARKUS_HTTP_HOST", "127.0.0.1")
                .withEnv("QUARKUS_HTTP_PORT", port.toString())
                .withEnv("ALPHASTOCKS_STATE_DIR", "/tmp/alphastocks-state")
                .withEnv("ALPHASTOCKS_SECURITY_API_KEYS_E2E", "e2e-" + System.nanoTime())
                .withCopyToContainer(Transferable.of(text.toString()), "/home/jboss/config/application.properties")
                .waitingFor(Wait.forLogMessage(".*started in.*\\n", 1).withStartupTimeout(START))));
        services.parallelStream().forEach(ContainersEndToEndTest::startOrSay);
        for (String service : SERVICES.keySet()) {
            awaitReady(service);
        }
    }

    @AfterAll
    static void stopThem() throws IOException {
        Path logs = Path.of("target", "e2e-logs");
        Files.createDirectories(logs);
        for (var entry : BY_NAME.entrySet()) {
            try {
                Files.writeString(logs.resolve(entry.getKey() + ".log"), entry.getValue().getLogs());
            } catch (RuntimeException e) {
                // the container never started: no log to keep
            }
        }
        CONTAINERS.forEach(GenericContainer::stop);
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void shouldTradeThroughTheImagesAndLoseOrDoubleNothingWhenTheExecutorIsKilled() throws Exception {
        Envelope strategy = new Envelope("strategy.E2E", Clock.systemUTC());
        try (KafkaProducer<String, Object> producer = PipelineLoad.producer(BOOTSTRAP, 0);
             PipelineLoad.ClosingMarket market = new PipelineLoad.ClosingMarket(BOOTSTRAP, producer, 100);
             KafkaConsumer<String, Object> reader = EventClients.reader(BOOTSTRAP)) {
            PipelineLoad.openTheMarket(producer);
            send(producer, strategy, SIGNALS / 2);
            // Once the executor has placed an order, it is killed with the rest in flight, and signals keep coming.
            awaitUntil(() -> EventClients.recordCount(reader, Topic.ORDER_PLACED.topicName()) > 0, "a first order");
            var docker = DockerClientFactory.instance().client();
            String executor = BY_NAME.get("executor-service").getContainerId();
            docker.killContainerCmd(executor).exec();
            send(producer, strategy, SIGNALS / 2);
            awaitUntil(() -> !Boolean.TRUE.equals(docker.inspectContainerCmd(executor).exec().getState().getRunning()), "the kill");
            docker.startContainerCmd(executor).exec();
            awaitReady("executor-service");

            Outcomes.Report[] last = new Outcomes.Report[1];
            awaitUntil(() -> {
                last[0] = Outcomes.read(reader);
                return last[0].signalsIn() == SIGNALS && last[0].lost() == 0;
            }, "every signal's outcome and every position's exit");
            Outcomes.Report report = last[0];
            assertThat(report.problems()).isEmpty();
            assertThat(report.outcomes()).isEqualTo(SIGNALS);
            assertThat(report.duplicatedOrders()).isZero();
            assertThat(report.duplicatedExits()).isZero();
            // At least once (the default), the executor killed mid-flight may publish an event again, with the same id, which
            // every consumer applies once; a second order or exit for a signal (above) is what must never happen.
            System.out.println("events published again with the same id after the kill: " + report.redeliveredEvents());
            long closed = EventClients.recordCount(reader, Topic.POSITION_CLOSED.topicName());
            assertThat(closed).as("every signal bought and closed (risk limits are out of the way)").isEqualTo(SIGNALS);
            assertThat(market.ticks()).isPositive();
        }
        // The other two images did their part: the analytics-service counted every close, the notification-service told.
        awaitUntil(() -> get("analytics-service", "/api/events/stats").contains("\"POSITION_CLOSED\":" + SIGNALS), "analytics' count");
        awaitUntil(() -> inbox.received() >= SIGNALS, "a notification per trade at the webhook");
    }

    private static void send(KafkaProducer<String, Object> producer, Envelope strategy, int count) {
        for (int i = 0; i < count; i++) {
            var signal = PipelineLoad.signal(strategy, "E2E");
            producer.send(new ProducerRecord<>(Topic.STRATEGY_SIGNALS.topicName(), signal.getMetadata().getCorrelationId(), signal));
        }
        producer.flush();
    }

    private static GenericContainer<?> container(String name, String image) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withCreateContainerCmdModifier(cmd -> cmd.withName("alphastocks-e2e-" + name + "-" + ProcessHandle.current().pid())
                        .getHostConfig().withMemory(768L * 1024 * 1024));
        CONTAINERS.add(container);
        BY_NAME.put(name, container);
        return container;
    }

    private static String image(String name) {
        return "alphastocks/" + name + ":" + VERSION;
    }

    private static boolean exists(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Starts a container; when it cannot, says what the engine answered and the one command that shows the engine's log. */
    private static void startOrSay(GenericContainer<?> container) {
        try {
            container.start();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String log = System.getenv("ALPHASTOCKS_ENGINE_LOG");
            throw new IllegalStateException("container " + container.getDockerImageName() + " did not start: " + root.getMessage()
                    + (log == null ? "" : " (the engine's log: cat " + log + ")"), e);
        }
    }

    private static void skip(String reason) {
        if (Boolean.parseBoolean(System.getenv("ALPHASTOCKS_E2E_REQUIRED"))) {
            throw new IllegalStateException(reason + " (ALPHASTOCKS_E2E_REQUIRED=true)");
        }
        System.out.println("ContainersEndToEndTest skipped: " + reason);
        skipped = reason;
    }

    @BeforeEach
    void requireTheImages() {
        Assumptions.assumeTrue(skipped == null, skipped);
    }

    private static void awaitReady(String service) throws InterruptedException {
        awaitUntil(() -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVICES.get(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }, service + " ready");
    }

    private static String get(String service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVICES.get(service) + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body().replace(" ", "");
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Check check, String what) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + what + " within " + START.toSeconds() + " s" + (lastError == null ? "" : ": " + lastError), lastError);
    }
}
