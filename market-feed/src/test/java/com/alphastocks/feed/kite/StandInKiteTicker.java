package com.alphastocks.feed.kite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * A local stand-in for Kite Connect's market data on 127.0.0.1, speaking its real protocols: the WebSocket ticker
 * (login by {@code api_key} and {@code access_token} in the query, refused with 403 otherwise; subscribe and mode
 * messages; binary packets as documented; a one-byte heartbeat every {@code heartbeatMillis}) and the REST
 * instrument list ({@code GET /instruments/{exchange}}, gzip, {@code Authorization: token key:token}). A test sends
 * packets, drops every connection (the server goes away and comes back on the same port), or falls silent.
 */
public final class StandInKiteTicker implements AutoCloseable {

    public static final String API_KEY = "stand-in-key";
    public static final String ACCESS_TOKEN = "stand-in-token";

    private final Vertx vertx = Vertx.vertx();
    private final String nse;
    private final String nfo;
    private final List<ServerWebSocket> open = new CopyOnWriteArrayList<>();
    /** Every text message a client sent, in order. */
    final List<String> said = new CopyOnWriteArrayList<>();
    /** Every connection's query string, refused ones too. */
    public final List<String> logins = new CopyOnWriteArrayList<>();
    /** Every plain HTTP request (not a WebSocket handshake): method, path and its Upgrade header. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private volatile HttpServer server;
    private int port;

    static {
        // A Quarkus test earlier in the same JVM leaves vertx.disableWebsockets=true behind (its app serves none), and
        // Vert.x reads it once: this stand-in is a WebSocket server.
        System.clearProperty("vertx.disableWebsockets");
    }

    public StandInKiteTicker(String nseDump, String nfoDump, long heartbeatMillis) throws Exception {
        this.nse = nseDump;
        this.nfo = nfoDump;
        listen(0);
        vertx.setPeriodic(heartbeatMillis, id -> {
            if (!silent) {
                open.forEach(ws -> ws.writeBinaryMessage(Buffer.buffer(new byte[] {0})));
            }
        });
    }

    public URI socket() {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Clients connected now. */
    public int connected() {
        return open.size();
    }

    /** One binary message of these packets to every client. */
    public void send(byte[]... packets) {
        Buffer message = Buffer.buffer().appendShort((short) packets.length);
        for (byte[] packet : packets) {
            message.appendShort((short) packet.length).appendBytes(packet);
        }
        open.forEach(ws -> ws.writeBinaryMessage(message));
    }

    /** Raw bytes as one binary message (a broken message). */
    public void sendRaw(byte[] bytes) {
        open.forEach(ws -> ws.writeBinaryMessage(Buffer.buffer(bytes)));
    }

    /** Keeps connections open but sends nothing, heartbeats included (a half-open connection), or speaks again. */
    public void silent(boolean silent) {
        this.silent = silent;
    }

    /** The server goes away (every connection drops, new ones are refused) for {@code millis}, then is back on its port. */
    public void dropFor(long millis) throws Exception {
        HttpServer was = server;
        open.clear();
        was.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Thread.sleep(millis);
        listen(port);
    }

    private void listen(int at) throws Exception {
        HttpServer next = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(at))
                .webSocketHandshakeHandler(handshake -> {
                    logins.add(String.valueOf(handshake.query()));
                    if (("api_key=" + API_KEY + "&access_token=" + ACCESS_TOKEN).equals(handshake.query())) {
                        handshake.accept();
                    } else {
                        handshake.reject(403);
                    }
                })
                .webSocketHandler(ws -> {
                    open.add(ws);
                    ws.textMessageHandler(said::add);
                    ws.closeHandler(v -> open.remove(ws));
                })
                .requestHandler(request -> {
                    requests.add(request.method() + " " + request.path() + " upgrade=" + request.getHeader("Upgrade") + " " + request.version());
                    String dump = request.path().equals("/instruments/NSE") ? nse : request.path().equals("/instruments/NFO") ? nfo : null;
                    if (!("token " + API_KEY + ":" + ACCESS_TOKEN).equals(request.getHeader("Authorization"))
                            || !"3".equals(request.getHeader("X-Kite-Version"))) {
                        request.response().setStatusCode(403).end("{\"status\":\"error\",\"error_type\":\"TokenException\"}");
                    } else if (dump == null) {
                        request.response().setStatusCode(404).end();
                    } else {
                        request.response().putHeader("Content-Encoding", "gzip").end(Buffer.buffer(gzip(dump)));
                    }
                });
        server = next.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    // The documented packets, as the exchange's numbers would fill them.

    /** An LTP packet (8 bytes). */
    public static byte[] ltp(long token, String lastPrice) {
        return ByteBuffer.allocate(8).putInt((int) token).putInt(paise(lastPrice)).array();
    }

    /** An index's full packet (32 bytes): last, high, low, open, close, change, exchange time. */
    public static byte[] indexFull(long token, String lastPrice, Instant at) {
        return ByteBuffer.allocate(32).putInt((int) token).putInt(paise(lastPrice)).putInt(paise(lastPrice)).putInt(paise(lastPrice))
                .putInt(paise(lastPrice)).putInt(paise(lastPrice)).putInt(0).putInt((int) at.getEpochSecond()).array();
    }

    /** A tradable instrument's quote packet (44 bytes). */
    public static byte[] quote(long token, String lastPrice, long volume) {
        ByteBuffer p = ByteBuffer.allocate(44).putInt((int) token).putInt(paise(lastPrice)).putInt(75).putInt(paise(lastPrice))
                .putInt((int) volume).putInt(1_000).putInt(2_000);
        for (int i = 0; i < 4; i++) {
            p.putInt(paise(lastPrice));
        }
        return p.array();
    }

    /** A tradable instrument's full packet (184 bytes): the quote, times, open interest and five levels a side. */
    public static byte[] full(long token, String lastPrice, long volume, long openInterest, String bid, String ask, Instant at) {
        ByteBuffer p = ByteBuffer.allocate(184).put(quote(token, lastPrice, volume));
        p.putInt((int) at.getEpochSecond() - 1).putInt((int) openInterest).putInt((int) openInterest).putInt((int) openInterest / 2)
                .putInt((int) at.getEpochSecond());
        for (int side = 0; side < 2; side++) {
            String best = side == 0 ? bid : ask;
            for (int level = 0; level < 5; level++) {
                BigDecimal step = new BigDecimal("0.05").multiply(BigDecimal.valueOf(level));
                int price = best == null ? 0 : paise((side == 0 ? new BigDecimal(best).subtract(step) : new BigDecimal(best).add(step)).toPlainString());
                p.putInt(best == null ? 0 : 150 * (level + 1)).putInt(price).putShort((short) (level + 1)).putShort((short) 0);
            }
        }
        return p.array();
    }

    private static int paise(String price) {
        return new BigDecimal(price).movePointRight(2).intValueExact();
    }

    /** Kite's tokens: the exchange token shifted left a byte, the segment in the low byte (NFO 2, indices 9). */
    public static long token(long exchangeToken, int segment) {
        return exchangeToken << 8 | segment;
    }
}
