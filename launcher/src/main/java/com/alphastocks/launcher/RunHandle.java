package com.alphastocks.launcher;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How the operator's commands ({@link DeskCommands}) reach the stack a run or {@code up} keeps: {@code .run/services}
 * (each service's address) and {@code .run/api-key} (the key its write endpoints take, owner-only). Written once the
 * services are ready, removed when the stack stops. {@code ALPHASTOCKS_<SERVICE>_URL} (e.g.
 * {@code ALPHASTOCKS_POSITION_SERVICE_URL}) and {@code ALPHASTOCKS_API_KEY} point the commands at another deployment.
 */
record RunHandle(Map<String, URI> services, String apiKey) {

    static Path servicesFile(Home home) {
        return home.runDir().resolve("services");
    }

    static Path apiKeyFile(Home home) {
        return home.runDir().resolve("api-key");
    }

    /** Writes where each of {@code services} answers (its HTTP port on 127.0.0.1) and the stack's API key (owner-only from its creation). */
    static void publish(Home home, List<String> services, java.util.function.ToIntFunction<String> httpPort, String apiKey) throws IOException {
        Files.createDirectories(home.runDir());
        writeOwnerOnly(apiKeyFile(home), apiKey + "\n");
        StringBuilder lines = new StringBuilder("# the services of the stack that is up (./alphastocks positions | close | kill-switch | trading-state)\n");
        services.forEach(s -> lines.append(s).append('=').append("http://127.0.0.1:").append(httpPort.applyAsInt(s)).append('\n'));
        Files.writeString(servicesFile(home), lines);
    }

    /** The stack stopped: nothing left for the commands to reach, and its key is void. */
    static void withdraw(Home home) {
        try {
            Files.deleteIfExists(servicesFile(home));
            Files.deleteIfExists(apiKeyFile(home));
        } catch (IOException e) {
            System.err.println("could not remove " + servicesFile(home) + " or " + apiKeyFile(home) + ": " + e.getMessage());
        }
    }

    /** The stack that is up, as {@link #publish} left it, with the environment's overrides. */
    static RunHandle find(Home home, Map<String, String> environment) throws IOException {
        Map<String, URI> services = new LinkedHashMap<>();
        Path file = servicesFile(home);
        if (Files.exists(file)) {
            Properties written = new Properties();
            written.load(new StringReader(Files.readString(file)));
            written.stringPropertyNames().forEach(s -> services.put(s, URI.create(written.getProperty(s))));
        }
        for (String service : RunCommand.SERVICES) {
            String given = environment.get("ALPHASTOCKS_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL");
            if (given != null && !given.isBlank()) {
                services.put(service, URI.create(given.replaceAll("/+$", "")));
            }
        }
        String key = environment.get("ALPHASTOCKS_API_KEY");
        if ((key == null || key.isBlank()) && Files.exists(apiKeyFile(home))) {
            key = Files.readString(apiKeyFile(home)).trim();
        }
        return new RunHandle(services, key == null || key.isBlank() ? null : key);
    }

    /** Where {@code service} answers; a clear error when no stack is up. */
    URI service(String service) {
        URI address = services.get(service);
        if (address == null) {
            throw new IllegalStateException("no " + service + " to talk to: start a stack first (./alphastocks run --stay, or ./alphastocks up), "
                    + "or give its address as ALPHASTOCKS_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL");
        }
        return address;
    }

    /** The key for a write endpoint; a clear error when there is none. */
    String requireApiKey() {
        if (apiKey == null) {
            throw new IllegalStateException("no API key: .run/api-key is written by a running ./alphastocks run or up; "
                    + "for another deployment give it as ALPHASTOCKS_API_KEY");
        }
        return apiKey;
    }

    /** Writes {@code text} to a file readable by its owner only from the moment it exists (a secret, e.g. an API key). */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: the file is as the system makes it
        }
        Files.writeString(file, text);
    }
}
