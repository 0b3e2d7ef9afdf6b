package com.alphastocks.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.alphastocks.launcher.LocalStack;
import com.alphastocks.streams.ClusterAdmin;

/** The scale-out's figures: seconds to recover from a fault, latency percentiles, and what the cluster says of its groups and replicas. */
final class ScaleFigures {

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

    static BigDecimal secondsSince(long nanos) {
        return round((System.nanoTime() - nanos) / 1e9);
    }

    static BigDecimal round(double seconds) {
        return BigDecimal.valueOf(seconds).setScale(1, RoundingMode.HALF_UP);
    }
}
