package com.alphastocks.feed.kite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.alphastocks.options.OptionType;

/**
 * Kite Connect's instrument list (the CSV dump of {@code GET /instruments/{exchange}}: instrument_token,
 * exchange_token, tradingsymbol, name, last_price, expiry, strike, tick_size, lot_size, instrument_type, segment,
 * exchange), narrowed to what the feed streams: each underlying's index (segment INDICES, e.g. "NIFTY 50" for NIFTY)
 * and the options of its nearest expiry (segment NFO-OPT). An option keeps Kite's trading symbol, which is the
 * exchange's (NIFTY25D0921500CE), as every service names it.
 */
public final class KiteInstruments {

    /** Our underlyings' indices as Kite names them in its NSE list. */
    public static final Map<String, String> INDEX_NAMES = Map.of("NIFTY", "NIFTY 50", "BANKNIFTY", "NIFTY BANK",
            "FINNIFTY", "NIFTY FIN SERVICE", "MIDCPNIFTY", "NIFTY MID SELECT");

    /** One instrument the ticker streams; {@code type}, {@code strike} and {@code expiry} are null for an index. */
    public record Instrument(long token, String symbol, String underlying, OptionType type, BigDecimal strike, LocalDate expiry) {
        public boolean option() {
            return type != null;
        }
    }

    private record Row(long token, String symbol, String name, String segment, String type, LocalDate expiry, BigDecimal strike) {
    }

    private final List<Row> rows;

    private KiteInstruments(List<Row> rows) {
        this.rows = rows;
    }

    /** Reads one or more dumps (e.g. NSE's, for the indices, and NFO's); a row that cannot be read is refused with its line. */
    public static KiteInstruments read(List<String> dumps) {
        List<Row> rows = new ArrayList<>();
        for (String dump : dumps) {
            rows.addAll(rows(new StringReader(dump)));
        }
        return new KiteInstruments(rows);
    }

    /**
     * The day's instruments: per underlying its index and every option of its nearest expiry on or after {@code day}.
     * An underlying whose index or options are not in the list is refused, naming it.
     */
    public List<Instrument> forDay(List<String> underlyings, LocalDate day, Map<String, String> indexNames) {
        List<Instrument> chosen = new ArrayList<>();
        for (String underlying : underlyings) {
            String indexName = indexNames.getOrDefault(underlying, underlying);
            Row index = rows.stream().filter(r -> r.segment().equals("INDICES") && r.symbol().equals(indexName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Kite's instrument list has no index '" + indexName + "' for "
                            + underlying + " (segment INDICES of the NSE list)"));
            chosen.add(new Instrument(index.token(), underlying, underlying, null, null, null));
            List<Row> options = rows.stream()
                    .filter(r -> r.segment().equals("NFO-OPT") && r.name().equals(underlying) && !r.expiry().isBefore(day))
                    .toList();
            LocalDate nearest = options.stream().map(Row::expiry).min(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalArgumentException("Kite's instrument list has no " + underlying
                            + " option expiring on or after " + day + " (segment NFO-OPT of the NFO list)"));
            options.stream().filter(r -> r.expiry().equals(nearest))
                    .sorted(Comparator.comparing(Row::strike).thenComparing(Row::type))
                    .forEach(r -> chosen.add(new Instrument(r.token(), r.symbol(), underlying, OptionType.valueOf(r.type()), r.strike(), nearest)));
        }
        return chosen;
    }

    /**
     * Kite's list for one exchange (NSE, NFO), as its REST API gives it: {@code GET {api}/instruments/{exchange}} with
     * the API key and access token (gzip or plain CSV).
     */
    public static String download(HttpClient http, URI api, String apiKey, String accessToken, String exchange) {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/instruments/" + exchange))
                .header("X-Kite-Version", "3")
                .header("Authorization", "token " + apiKey + ":" + accessToken)
                .header("Accept-Encoding", "gzip")
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            boolean gzip = response.headers().firstValue("Content-Encoding").filter(e -> e.equalsIgnoreCase("gzip")).isPresent();
            try (InputStream body = gzip ? new GZIPInputStream(response.body()) : response.body()) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Kite answered " + response.statusCode() + " to GET " + request.uri()
                            + (response.statusCode() == 403 ? " (the API key or access token is wrong or expired: tokens last until 6 AM)" : "")
                            + ": " + text.substring(0, Math.min(200, text.length())));
                }
                return text;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Kite's instrument list from " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading Kite's instrument list", e);
        }
    }

    private static List<Row> rows(Reader dump) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(dump)) {
            String header = in.readLine();
            if (header == null) {
                return rows;
            }
            Map<String, Integer> column = new HashMap<>();
            List<String> names = fields(header);
            for (int i = 0; i < names.size(); i++) {
                column.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
            for (String needed : List.of("instrument_token", "tradingsymbol", "name", "expiry", "strike", "instrument_type", "segment")) {
                if (!column.containsKey(needed)) {
                    throw new IllegalArgumentException("Kite's instrument list has no column " + needed + " (header: " + header + ")");
                }
            }
            long lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = fields(line);
                String segment = field(f, column, "segment");
                if (!segment.equals("INDICES") && !segment.equals("NFO-OPT")) {
                    continue;
                }
                try {
                    boolean option = segment.equals("NFO-OPT");
                    rows.add(new Row(Long.parseLong(field(f, column, "instrument_token")), field(f, column, "tradingsymbol"),
                            field(f, column, "name"), segment, field(f, column, "instrument_type"),
                            option ? LocalDate.parse(field(f, column, "expiry")) : null,
                            option ? strike(field(f, column, "strike")) : null));
                } catch (NumberFormatException | DateTimeParseException | IndexOutOfBoundsException e) {
                    throw new IllegalArgumentException("Kite's instrument list, line " + lineNumber + ": " + e.getMessage() + " in '" + line + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** 26050.0 as 26050, 26062.5 as 26062.5. */
    private static BigDecimal strike(String value) {
        BigDecimal strike = new BigDecimal(value).stripTrailingZeros();
        return strike.scale() < 0 ? strike.setScale(0) : strike;
    }

    private static String field(List<String> fields, Map<String, Integer> column, String name) {
        return fields.get(column.get(name)).trim();
    }

    /** One CSV line's fields; a field may be quoted ("NIFTY 50"), with "" for a quote inside. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** Every instrument by token, for the ticker's packets. */
    public static Map<Long, Instrument> byToken(List<Instrument> instruments) {
        Map<Long, Instrument> byToken = new LinkedHashMap<>();
        instruments.forEach(i -> byToken.put(i.token(), i));
        return byToken;
    }
}
