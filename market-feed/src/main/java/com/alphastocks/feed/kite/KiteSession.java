package com.alphastocks.feed.kite;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One connection to Kite's ticker: its binary messages (heartbeats aside) to {@code packets}, its text messages
 * (Kite's errors and notices) to the log, and how it ended — closed by either side, failed, or silent for longer than
 * {@code silentFor} (not even a heartbeat: a half-open connection, aborted).
 */
final class KiteSession implements WebSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(KiteTicker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration silentFor;
    private final BooleanSupplier closed;
    private final Consumer<ByteBuffer> packets;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private volatile long heardAt = System.nanoTime();
    private volatile boolean heard;

    KiteSession(Duration silentFor, BooleanSupplier closed, Consumer<ByteBuffer> packets) {
        this.silentFor = silentFor;
        this.closed = closed;
        this.packets = packets;
    }

    /** Anything came, a heartbeat at least: the connection worked. */
    boolean heard() {
        return heard;
    }

    /** Waits until the connection ends or falls silent; says why. */
    String watch(WebSocket ws) throws InterruptedException {
        long silentNanos = silentFor.toNanos();
        while (!closed.getAsBoolean()) {
            long quiet = System.nanoTime() - heardAt;
            if (quiet > silentNanos) {
                ws.abort();
                return "nothing heard for " + silentFor.toMillis() + " ms";
            }
            try {
                return ended.get(Math.max(1, (silentNanos - quiet) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look again
            } catch (ExecutionException e) {
                return String.valueOf(e.getCause());
            }
        }
        return "closed";
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        heardAt = System.nanoTime();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            ByteBuffer message = ByteBuffer.wrap(binary.toByteArray());
            binary.reset();
            heard = true;
            if (!KitePackets.heartbeat(message)) {
                packets.accept(message);
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        heardAt = System.nanoTime();
        text.append(data);
        if (last) {
            said(text.toString());
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        heardAt = System.nanoTime();
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        ended.complete("closed by the other side (" + statusCode + (reason.isEmpty() ? "" : ", " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        ended.complete(String.valueOf(error));
    }

    private void said(String message) {
        try {
            JsonNode said = JSON.readTree(message);
            String type = said.path("type").asText();
            if (type.equals("error")) {
                LOG.error("kite ticker: Kite says: {}", said.path("data").asText());
            } else if (!type.equals("order")) {
                LOG.info("kite ticker: Kite says ({}): {}", type, said.path("data"));
            }
        } catch (Exception e) {
            LOG.warn("kite ticker: an unreadable text message: {}", message);
        }
    }
}
