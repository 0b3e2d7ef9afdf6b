package com.alphastocks.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.alphastocks.streams.wire.WireSettings;

/**
 * What the main job runs on: a broker, the services and the sample strategies' runner, all on 127.0.0.1, as processes
 * ({@link LocalStack}) or as containers of the local compose stack ({@link ComposeStack}). Closing it stops them all.
 */
interface Stack extends AutoCloseable {

    /** Starts a broker on fresh data; returns its address once it serves clients. */
    String startBroker(Duration timeout) throws IOException, InterruptedException;

    /**
     * Starts the services, each given {@code settings} (on top of its own defaults), and waits until each is ready;
     * with {@code keepState} on the local state the last run left.
     */
    void startServices(List<String> services, Duration timeout, Map<String, String> settings, boolean keepState)
            throws IOException, InterruptedException;

    /**
     * Starts the sample strategies' runner (consumer group {@value LocalStack#RUNNER_GROUP}), writing its signals as
     * {@code wire} says, and waits until it reads the ticks.
     */
    void startStrategyRunner(Duration candle, Duration timeout, WireSettings wire) throws IOException, InterruptedException;

    /** The HTTP port on 127.0.0.1 of a started service. */
    int httpPort(String service);

    /** Each running process's peak resident memory so far, in MB; empty where the system does not tell. */
    Map<String, Long> peakRssMb();

    @Override
    void close();
}
