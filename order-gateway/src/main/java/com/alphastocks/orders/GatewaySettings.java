package com.alphastocks.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.alphastocks.contracts.GatewayMode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the orders of every service go, {@code alphastocks.gateway.*}: entries (executor) and exits (positions)
 * always use the same mode and the same broker.
 */
@ConfigMapping(prefix = "alphastocks.gateway")
public interface GatewaySettings {

    /** LOGGING_ONLY, PAPER or LIVE; never LIVE unless asked for. */
    @WithDefault("PAPER")
    GatewayMode mode();

    /** Paper fills are this much worse than the quote, in percent. */
    @WithDefault("0.1")
    BigDecimal slippagePct();

    Live live();

    /** A Kite-Connect-style broker; the key and token are secrets: environment or a vault, never the code. */
    interface Live {
        Optional<URI> baseUrl();

        Optional<String> apiKey();

        Optional<String> accessToken();

        @WithDefault("NFO")
        String exchange();

        @WithDefault("MIS")
        String product();

        @WithDefault("PT5S")
        Duration timeout();

        @WithDefault("3")
        int retries();

        @WithDefault("PT0.2S")
        Duration pollInterval();

        @WithDefault("PT10S")
        Duration fillTimeout();

        /** After this many failed calls in a row (no answer, or a server error) the broker is not called for {@link #openFor}. */
        @WithDefault("5")
        int failuresToOpen();

        /** How long an open circuit refuses orders at once (REJECTED with the reason) before one call tries again. */
        @WithDefault("PT30S")
        Duration openFor();

        /**
         * Placements a second, kept by each process that places orders: an order over it waits its turn. Kite Connect
         * allows 10 a second; 8 leaves room for the network's jitter (a placement the broker still answers 429 is sent
         * again). The executor (entries) and the position-service (exits) share one account: a deployment whose both
         * place at full speed gives each half.
         */
        @WithDefault("8")
        double ordersPerSecond();

        /**
         * A protective stop rests at the broker as a stop-limit sell (brokers refuse stop-market orders for options): its
         * limit this many percent below its trigger, so that it sells in a falling market.
         */
        @WithDefault("5")
        BigDecimal stopLimitPct();
    }

    /**
     * Refuses, at a service's start, a LIVE mode without its broker's address, key or token, naming the missing variable
     * (the gateway itself is made later, on a stream thread, where the error would only stop threads).
     */
    public static void check(GatewaySettings settings) {
        if (settings.mode() == GatewayMode.LIVE) {
            settings.live().baseUrl().orElseThrow(() -> missing("base-url"));
            settings.live().apiKey().orElseThrow(() -> missing("api-key"));
            settings.live().accessToken().orElseThrow(() -> missing("access-token"));
        }
    }

    /** The gateway of the configured mode; a paper one keeps its books in {@code ledger} and prices from {@code quotes}. */
    static OrderGateway create(GatewaySettings settings, PaperGateway.Ledger ledger, PaperGateway.Quotes quotes) {
        return switch (settings.mode()) {
            case PAPER -> new PaperGateway(ledger, quotes, settings.slippagePct());
            case LOGGING_ONLY -> new LoggingOnlyGateway();
            case LIVE -> {
                Live live = settings.live();
                yield new LiveGateway(new LiveGateway.Connection(
                        live.baseUrl().orElseThrow(() -> missing("base-url")),
                        live.apiKey().orElseThrow(() -> missing("api-key")),
                        live.accessToken().orElseThrow(() -> missing("access-token")),
                        live.exchange(), live.product(), live.timeout(), live.retries(), live.pollInterval(), live.fillTimeout(),
                        live.failuresToOpen(), live.openFor(), live.ordersPerSecond(), live.stopLimitPct()));
            }
        };
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException("alphastocks.gateway.mode=LIVE needs alphastocks.gateway.live." + key
                + " (env ALPHASTOCKS_GATEWAY_LIVE_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + ")");
    }
}
