package com.alphastocks.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.alphastocks.contracts.MarketTick;

/** Replays a tick CSV file ({@link TickCsv}), line by line; a bad line stops the replay with its number. */
public final class CsvTickSource implements TickSource {

    private final BufferedReader reader;
    private final TickCsv format;
    private final Path file;
    private long lineNumber;

    public CsvTickSource(Path file, TickCsv format) throws IOException {
        this.file = file;
        this.format = format;
        this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        String header = reader.readLine();
        lineNumber = 1;
        if (header == null || !header.trim().equals(TickCsv.HEADER)) {
            throw new IllegalArgumentException(file + " line 1: the header must be " + TickCsv.HEADER);
        }
    }

    @Override
    public Optional<MarketTick> next() {
        try {
            String line;
            do {
                line = reader.readLine();
                lineNumber++;
            } while (line != null && line.isBlank());
            if (line == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(format.parse(line, lineNumber));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
