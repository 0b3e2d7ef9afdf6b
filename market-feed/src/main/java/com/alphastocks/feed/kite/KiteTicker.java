package com.alphastocks.feed.kite;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.MarketTick;
import com.alphastocks.contracts.OptionContract;
import com.alphastocks.streams.wire.OptionContracts;
import com.alphastocks.contracts.Priority;
import com.alphastocks.feed.BrokerStream;
import com.alphastocks.streams.Decimals;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.EventIds;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Kite Connect's WebSocket ticker ({@code wss://ws.kite.trade?api_key=...&access_token=...}) as the feed's broker
 * stream. On every connection it subscribes to the instruments' tokens and sets their mode
 * ({@code {"a":"subscribe","v":[...]}}, {@code {"a":"mode","v":["full",[...]]}}); each binary message's packets
 * ({@link KitePackets}) become market ticks named as every service names them. A connection that drops, errs, or
 * says nothing (not even Kite's one-a-second heartbeat) for {@link Settings#silentFor} is opened again after a
 * backoff that doubles from {@link Settings#firstRetry} to {@link Settings#longestRetry}, and subscribed again; a
 * connection that worked starts the backoff over. Kite refusing the login (HTTP 403 at the handshake: a wrong or
 * expired access token) ends the stream at once with that reason, as does running out of attempts.
 */
public final class KiteTicker implements BrokerStream.Connection {

    private static final Logger LOG = LoggerFactory.getLogger(KiteTicker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kite's limit of instruments on one connection. */
    public static final int MOST_INSTRUMENTS = 3_000;

    /** What the ticker asks for: ltp (last price), quote (adds volume) or full (adds open interest, depth, exchange time). */
    public enum Mode {
        LTP, QUOTE, FULL;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param socket      Kite's ticker, {@code wss://ws.kite.trade} (a stand-in's address in tests)
     * @param maxAttempts connections tried in a row without one that worked, before the stream gives up
     */
    public record Settings(URI socket, String apiKey, String accessToken, Mode mode, Duration silentFor, Duration firstRetry,
                           Duration longestRetry, int maxAttempts) {

        public static final URI KITE = URI.create("wss://ws.kite.trade");

        /** Kite's ticker in full mode; reconnect from 1 s doubling to 60 s, 50 attempts; silent for 5 s is dead. */
        public static Settings kite(String apiKey, String accessToken) {
            return new Settings(KITE, apiKey, accessToken, Mode.FULL, Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(60), 50);
        }

        public Settings at(URI socket) {
            return new Settings(socket, apiKey, accessToken, mode, silentFor, firstRetry, longestRetry, maxAttempts);
        }

        public Settings retrying(Duration silentFor, Duration firstRetry, Duration longestRetry, int maxAttempts) {
            return new Settings(socket, apiKey, accessToken, mode, silentFor, firstRetry, longestRetry, maxAttempts);
        }

        public Settings in(Mode mode) {
            return new Settings(socket, apiKey, accessToken, mode, silentFor, firstRetry, longestRetry, maxAttempts);
        }

        URI address() {
            String sep = socket.getQuery() == null ? "?" : "&";
            return URI.create(socket + sep + "api_key=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8)
                    + "&access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
        }
    }

    private final Settings settings;
    private final Map<Long, KiteInstruments.Instrument> byToken;
    private final Envelope envelope;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;
    private volatile WebSocket current;
    private Thread loop;

    public KiteTicker(Settings settings, List<KiteInstruments.Instrument> instruments, Clock clock) {
        this.settings = settings;
        this.byToken = KiteInstruments.byToken(instruments);
        this.envelope = new Envelope("market-feed.kite", clock);
    }

    @Override
    public void subscribe(List<String> symbols, BrokerStream.Listener listener) {
        List<Long> tokens = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Map<String, Long> tokenOf = new java.util.HashMap<>();
        byToken.values().forEach(i -> tokenOf.put(i.symbol(), i.token()));
        for (String symbol : symbols) {
            Long token = tokenOf.get(symbol);
            if (token == null) {
                unknown.add(symbol);
            } else {
                tokens.add(token);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not in Kite's instrument list: " + String.join(", ", unknown));
        }
        if (tokens.size() > MOST_INSTRUMENTS) {
            throw new IllegalArgumentException("Kite streams at most " + MOST_INSTRUMENTS + " instruments a connection; "
                    + tokens.size() + " asked");
        }
        loop = new Thread(() -> run(tokens, listener), "kite-ticker");
        loop.setDaemon(true);
        loop.start();
    }

    /** Connections opened so far (the first and every reconnection). */
    public long connections() {
        return connections.get();
    }

    /** Messages or packets dropped as unreadable, and packets without a price yet. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        closed = true;
        WebSocket ws = current;
        if (ws != null) {
            ws.abort();
        }
        if (loop != null) {
            loop.interrupt();
        }
    }

    private void run(List<Long> tokens, BrokerStream.Listener listener) {
        int failed = 0;
        String why = null;
        while (!closed) {
            KiteSession session = new KiteSession(settings.silentFor(), () -> closed, message -> ticks(message, listener));
            try {
                WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(settings.address(), session).get(15, TimeUnit.SECONDS);
                current = ws;
                connections.incrementAndGet();
                ws.sendText(message("subscribe", tokens), true).join();
                ws.sendText(message("mode", List.of(settings.mode().wire(), tokens)), true).join();
                LOG.info("kite ticker: connected to {}, {} instruments in {} mode", settings.socket(), tokens.size(), settings.mode().wire());
                why = session.watch(ws);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WebSocketHandshakeException refused) {
                    int status = refused.getResponse().statusCode();
                    if (status == 403 || status == 401) {
                        listener.ended("Kite refused the ticker's login (HTTP " + status + "): the API key or access token is "
                                + "wrong or expired (an access token lasts until 6 AM the next day)");
                        return;
                    }
                    why = "the handshake was answered HTTP " + status;
                } else {
                    why = String.valueOf(e.getCause());
                }
            } catch (TimeoutException e) {
                why = "no connection within 15 s";
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                why = e.toString();
            }
            if (closed) {
                break;
            }
            failed = session.heard() ? 1 : failed + 1;
            if (failed > settings.maxAttempts()) {
                listener.ended("no working connection to " + settings.socket() + " in " + settings.maxAttempts() + " attempts; the last: " + why);
                return;
            }
            Duration wait = backoff(failed);
            LOG.warn("kite ticker: connection lost ({}); connecting again in {} ms (attempt {} of {})", why, wait.toMillis(), failed,
                    settings.maxAttempts());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                break;
            }
        }
        listener.ended(null);
    }

    /** A request to the ticker: {@code {"a": action, "v": value}}. */
    private static String message(String action, Object value) throws java.io.IOException {
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("a", action);
        message.put("v", value);
        return JSON.writeValueAsString(message);
    }

    /** The wait before attempt {@code n} (1, 2, ...): the first retry, doubled each time, at most the longest. */
    Duration backoff(int n) {
        long millis = settings.firstRetry().toMillis() << Math.min(n - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.longestRetry().toMillis()));
    }

    /** One binary message's packets as ticks to {@code listener}; an unreadable message or unknown packet is dropped and counted. */
    private void ticks(ByteBuffer message, BrokerStream.Listener listener) {
        List<KitePackets.Packet> packets;
        try {
            packets = KitePackets.parse(message);
        } catch (IllegalArgumentException e) {
            dropped.incrementAndGet();
            LOG.warn("kite ticker: a message dropped, unreadable: {}", e.getMessage());
            return;
        }
        for (KitePackets.Packet packet : packets) {
            KiteInstruments.Instrument instrument = byToken.get(packet.token());
            if (instrument == null || packet.lastPrice().signum() <= 0) {
                dropped.incrementAndGet();
                continue;
            }
            listener.tick(tick(instrument, packet));
        }
    }

    /** A packet as a market tick; without the exchange's time (ltp and quote modes), the time it arrived. */
    MarketTick tick(KiteInstruments.Instrument instrument, KitePackets.Packet packet) {
        Instant at = packet.exchangeTime() != null ? packet.exchangeTime() : envelope.now();
        String id = EventIds.derived(EventType.MARKET_TICK, instrument.symbol(), at.toString(), packet.lastPrice().toPlainString(),
                Long.toString(packet.volume()), Long.toString(packet.openInterest()));
        OptionContract option = instrument.option()
                ? OptionContracts.of(instrument.type(), instrument.strike(), instrument.expiry())
                : null;
        return MarketTick.newBuilder()
                .setMetadata(envelope.metadataAt(at, at, EventType.MARKET_TICK, id, instrument.symbol(), null, Priority.LOW))
                .setInstrument(instrument.symbol()).setUnderlying(instrument.underlying()).setOption(option)
                .setLastPrice(Decimals.scaled(packet.lastPrice()))
                .setBid(Decimals.scaled(packet.bid())).setAsk(Decimals.scaled(packet.ask()))
                .setVolume(packet.volume()).setOpenInterest(packet.openInterest())
                .setExchangeTime(at)
                .build();
    }
}
