package com.alphastocks.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

import com.alphastocks.launcher.LocalStack;
import com.alphastocks.streams.ClusterAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The scale-out's figures: seconds to recover from a fault, latency percentiles, what the cluster says of its groups and
 * replicas, and what each instance answers for its service's stores.
 */
final class ScaleFigures {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleFigures() {
    }

    /** Seconds from a fault until the first outcome (order or close) of a signal sent after it; null when none came. */
    static BigDecimal recovery(Map<String, Long> sentAt, Map<String, Long> outcomeAt, long fault) {
        return outcomeAt.entrySet().stream().filter(e -> sentAt.getOrDefault(e.getKey(), 0L) > fault).mapToLong(Map.Entry::getValue)
                .min().stream().mapToObj(first -> round((first - fault) / 1e9)).findFirst().orElse(null);
    }

    /** A percentile of send-to-close seconds of the signals sent in [from, to). */
    static BigDecimal latency(Map<String, Long> sentAt, Map<String, Long> closedAt, long from, long to, double percentile) {
        List<Long> nanos = new ArrayList<>();
        sentAt.forEach((signal, sent) -> {
            Long closed = closedAt.get(signal);
            if (closed != null && sent >= from && sent < to) {
                nanos.add(closed - sent);
            }
        });
        if (nanos.isEmpty()) {
            return null;
        }
        nanos.sort(null);
        return round(nanos.get((int) Math.min(nanos.size() - 1, Math.floor(percentile * nanos.size()))) / 1e9);
    }

    /** Members per consumer group of the services (the groups named after them). */
    static Map<String, Integer> members(ClusterAdmin admin) {
        Map<String, Integer> members = new TreeMap<>();
        List<String> groups = admin.consumerGroups().stream().filter(g -> LocalStack.SERVICES.stream().anyMatch(g::startsWith)).toList();
        admin.describeGroups(groups).forEach((group, description) -> members.put(group, description.members().size()));
        return members;
    }

    static int replicasOf(ClusterAdmin admin, String topic) {
        return admin.describe(topic).partitions().get(0).replicas().size();
    }

    /** The fewest in-sync replicas of any partition of the topic. */
    static int inSyncOf(ClusterAdmin admin, String topic) {
        return admin.describe(topic).partitions().stream().mapToInt(p -> p.isr().size()).min().orElse(0);
    }

    /**
     * How many entries each instance of {@code service} answers at {@code path} for the whole of its stores (its own part
     * and what it asks the other instance for): equal counts from both say the stores are read across instances. Asked
     * until they agree, 30 s at most (an instance may answer 503 while a store is restored); -1 for an instance that never
     * answered.
     */
    static Map<String, Long> storeCounts(LocalStack stack, String service, String path, ToLongFunction<JsonNode> count)
            throws InterruptedException {
        Map<String, Long> counts = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            for (String instance : List.of(service, service + "#2")) {
                counts.put(instance, answer(stack.httpPort(instance), path).map(count::applyAsLong).orElse(-1L));
            }
            if (agree(counts)) {
                return counts;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return counts;
    }

    /** Whether every instance answered, with the same count. */
    static boolean agree(Map<String, Long> counts) {
        return !counts.isEmpty() && counts.values().stream().distinct().count() == 1 && counts.values().iterator().next() >= 0;
    }

    private static Optional<JsonNode> answer(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static BigDecimal secondsSince(long nanos) {
        return round((System.nanoTime() - nanos) / 1e9);
    }

    static BigDecimal round(double seconds) {
        return BigDecimal.valueOf(seconds).setScale(1, RoundingMode.HALF_UP);
    }
}
