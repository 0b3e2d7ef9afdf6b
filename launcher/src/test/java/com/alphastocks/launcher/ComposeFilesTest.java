package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The compose files name only what the project has: each image of ours is one the build makes at the project's
 * version, each environment variable of our services is a setting they read, each file mounted is in the repository,
 * each service an override or dependency names is in the base file, the local stack's ports are the ones the launcher
 * uses, and every metric the Grafana dashboard draws is one a service registers.
 */
class ComposeFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Settings whose last part is a name of the user's (a map): an env var may carry any name after the prefix. */
    private static final List<String> MAP_SETTINGS = List.of("ALPHASTOCKS_SECURITY_API_KEYS_");
    /** Settings the frameworks read (Quarkus's HTTP server, its Kafka client default) rather than our properties files. */
    private static final Set<String> FRAMEWORK_SETTINGS = Set.of("QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT", "KAFKA_BOOTSTRAP_SERVERS");

    private final JsonNode base = read("docker-compose.yml");
    private final Map<String, JsonNode> overrides = new LinkedHashMap<>(Map.of(
            "docker-compose.override.yml", read("docker-compose.override.yml"),
            "docker-compose.local.yml", read("docker-compose.local.yml"),
            "docker-compose.sasl.yml", read("docker-compose.sasl.yml")));

    @Test
    void shouldNameOnlyServicesOfTheBaseFile() {
        Set<String> services = names(base.path("services"));
        assertThat(services).contains("kafka", "apicurio", "prometheus", "grafana", "market-feed", "strategy-runner")
                .containsAll(RunCommand.SERVICES);
        overrides.forEach((file, compose) -> assertThat(names(compose.path("services"))).as(file).isSubsetOf(services));
        base.path("services").fields().forEachRemaining(s -> assertThat(names(s.getValue().path("depends_on")))
                .as(s.getKey() + " depends_on").isSubsetOf(services));
    }

    @Test
    void shouldUseOnlyImagesTheBuildMakesAtTheProjectsVersion() throws IOException {
        Set<String> built = imagesTheBuildMakes();
        assertThat(built).contains("local-kafka", "market-feed", "strategy-runner").containsAll(RunCommand.SERVICES);
        String version = projectVersion();
        List<String> ours = new ArrayList<>();
        for (JsonNode compose : allFiles()) {
            compose.path("services").forEach(service -> {
                String image = service.path("image").asText("");
                if (image.startsWith("alphastocks/")) {
                    ours.add(image);
                    String name = image.substring("alphastocks/".length(), image.indexOf(':'));
                    assertThat(built).as(image).contains(name);
                    assertThat(image).endsWith(":" + version);
                }
            });
        }
        // Every image the build makes runs in the compose stack.
        assertThat(ours.stream().map(i -> i.substring("alphastocks/".length(), i.indexOf(':'))).toList()).containsAll(built);
        // Every other image is a pinned release, never a moving tag.
        for (JsonNode compose : allFiles()) {
            compose.path("services").forEach(service -> assertThat(service.path("image").asText("x:1")).doesNotEndWith(":latest").contains(":"));
        }
    }

    @Test
    void shouldHaveTheLauncherScriptLookForEveryImageAtTheProjectsVersion() throws IOException {
        String script = Files.readString(ROOT.resolve("alphastocks"));
        assertThat(script).contains("version=" + projectVersion() + "\n");
        Matcher images = Pattern.compile("\n\s*images=\"([^\"]+)\"").matcher(script);
        assertThat(images.find()).isTrue();
        assertThat(new TreeSet<>(List.of(images.group(1).split(" ")))).isEqualTo(imagesTheBuildMakes());
    }

    @Test
    void shouldGiveOurServicesOnlySettingsTheyRead() throws IOException {
        Set<String> known = settingsAsEnvironment();
        for (JsonNode compose : allFiles()) {
            compose.path("services").fields().forEachRemaining(service -> {
                if (!RunCommand.SERVICES.contains(service.getKey())) {
                    return;
                }
                for (String variable : names(service.getValue().path("environment"))) {
                    boolean read = known.contains(variable) || FRAMEWORK_SETTINGS.contains(variable)
                            || MAP_SETTINGS.stream().anyMatch(variable::startsWith);
                    assertThat(read).as(service.getKey() + ": " + variable + " is no setting of the project").isTrue();
                }
            });
        }
        // The base file's shared block too (its anchors are merged into each service, checked above).
        assertThat(names(base.path("x-service").path("environment"))).contains("KAFKA_BOOTSTRAP_SERVERS", "ALPHASTOCKS_WIRE_MODE");
    }

    @Test
    void shouldMountOnlyFilesOfTheRepositoryAndWhatTheLauncherWrites() {
        for (JsonNode compose : allFiles()) {
            compose.path("services").fields().forEachRemaining(service -> service.getValue().path("volumes").forEach(volume -> {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./.run/")) {
                    // Written by ./alphastocks before the stack starts (ComposeStack's settings file).
                    assertThat(source).isEqualTo("./.run/containers/settings.properties");
                } else {
                    assertThat(ROOT.resolve(source)).as(service.getKey() + " mounts " + source).exists();
                }
            }));
        }
    }

    @Test
    void shouldRunTheLocalStackOnTheHostNetworkAtTheLaunchersPorts() {
        JsonNode local = overrides.get("docker-compose.local.yml").path("services");
        local.fields().forEachRemaining(service -> assertThat(service.getValue().path("network_mode").asText())
                .as(service.getKey()).isEqualTo("host"));
        assertThat(names(local)).containsAll(names(base.path("services")).stream()
                .filter(s -> !Set.of("apicurio", "prometheus", "grafana").contains(s)).toList());
        ComposeStack.HTTP_PORTS.forEach((service, port) -> {
            JsonNode s = local.path(service);
            assertThat(s.path("environment").path("QUARKUS_HTTP_PORT").asText()).as(service).isEqualTo(port.toString());
            assertThat(s.path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo(ComposeStack.BROKER);
            assertThat(s.path("healthcheck").path("test").asText()).contains("http://127.0.0.1:" + port + "/q/health/ready");
        });
        String brokerPort = ComposeStack.BROKER.substring(ComposeStack.BROKER.indexOf(':') + 1);
        assertThat(text(local.path("kafka").path("command"))).contains("--port " + brokerPort);
        assertThat(text(local.path("strategy-runner").path("command"))).contains("--bootstrap " + ComposeStack.BROKER)
                .contains("--group " + LocalStack.RUNNER_GROUP).contains("--candle " + RunCommand.CANDLE);
        // Nothing of the local stack is published to a bridge: no ports at all.
        local.forEach(s -> assertThat(s.has("ports")).isFalse());
    }

    @Test
    void shouldPublishTheUsersPortsOnLoopbackOnlyAndScrapeEveryService() throws IOException {
        JsonNode ports = overrides.get("docker-compose.override.yml").path("services");
        ports.fields().forEachRemaining(s -> s.getValue().path("ports").forEach(p -> assertThat(p.asText()).as(s.getKey()).startsWith("127.0.0.1:")));
        assertThat(names(ports)).containsAll(RunCommand.SERVICES);
        String prometheus = Files.readString(ROOT.resolve("containers/prometheus/prometheus.yml"));
        RunCommand.SERVICES.forEach(s -> assertThat(prometheus).contains(s + ":" + base.path("x-service").path("environment").path("QUARKUS_HTTP_PORT").asText()));
    }

    @Test
    void shouldDrawOnlyMetricsTheServicesRegister() throws IOException {
        String dashboard = Files.readString(ROOT.resolve("containers/grafana/dashboards/alphastocks.json"));
        Set<String> drawn = new TreeSet<>();
        Matcher m = Pattern.compile("alphastocks_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            drawn.add(m.group());
        }
        assertThat(drawn).contains("alphastocks_events_total", "alphastocks_consumer_lag", "alphastocks_dlq_records_total", "alphastocks_net_pnl");
        String sources = javaSources();
        for (String metric : drawn) {
            // Micrometer's Prometheus names: dots become underscores, a counter gains _total.
            String meter = metric.replaceFirst("_total$", "").replace('_', '.');
            assertThat(sources).as(metric + " (meter " + meter + ")").contains("\"" + meter + "\"");
        }
    }

    /** The images the build makes: each Quarkus service by its application name, each Jib module by its image.name. */
    private static Set<String> imagesTheBuildMakes() throws IOException {
        Set<String> images = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path properties = module.resolve("src/main/resources/application.properties");
                if (Files.exists(properties)) {
                    Files.readAllLines(properties).stream().filter(l -> l.startsWith("quarkus.application.name="))
                            .forEach(l -> images.add(l.substring(l.indexOf('=') + 1).trim()));
                }
                Path pom = module.resolve("pom.xml");
                if (Files.exists(pom)) {
                    Matcher name = Pattern.compile("<image.name>([^<]+)</image.name>").matcher(Files.readString(pom));
                    if (name.find()) {
                        images.add(name.group(1));
                    }
                }
            }
        }
        return images;
    }

    /** Every setting our properties files define or refer to (${...}), in environment-variable form. */
    private static Set<String> settingsAsEnvironment() throws IOException {
        Set<String> settings = new HashSet<>();
        Pattern reference = Pattern.compile("\\$\\{([A-Za-z0-9._-]+)");
        try (Stream<Path> files = Files.walk(ROOT, 6)) {
            for (Path file : files.filter(f -> f.toString().contains("src/main/resources"))
                    .filter(f -> f.getFileName().toString().matches("application\\.properties|microprofile-config\\.properties")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        settings.add(line.substring(0, eq).trim().replaceFirst("^%[a-z]+\\.", ""));
                    }
                    Matcher m = reference.matcher(line);
                    while (m.find()) {
                        settings.add(m.group(1));
                    }
                }
            }
        }
        Set<String> environment = new HashSet<>();
        settings.forEach(s -> environment.add(s.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
        return environment;
    }

    private static String javaSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("src/main/java")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>alphastocks-streams</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private List<JsonNode> allFiles() {
        List<JsonNode> all = new ArrayList<>(List.of(base));
        all.addAll(overrides.values());
        return all;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText().split("=")[0]));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static String text(JsonNode command) {
        List<String> words = new ArrayList<>();
        command.forEach(w -> words.add(w.asText()));
        return String.join(" ", words);
    }

    private static JsonNode read(String file) {
        try {
            // SnakeYAML resolves the files' merge keys (<<: *anchor) as compose does.
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ROOT.resolve(file)));
            return JSON.valueToTree(yaml);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " is not readable YAML: " + e.getMessage(), e);
        }
    }
}
