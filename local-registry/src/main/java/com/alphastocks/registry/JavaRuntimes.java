package com.alphastocks.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a Java runtime of at least a given version for a child process that needs a newer Java than the project's
 * (the registry needs 21; the project builds and runs on 17). Looked at in this order: the setting
 * {@value #SETTING} (env {@code ALPHASTOCKS_REGISTRY_JAVA_HOME}), this JVM, {@code JAVA_HOME}, then every JDK under
 * {@code /usr/lib/jvm}, {@code /opt/java} and {@code /usr/local/lib/jvm}, the newest first.
 */
public final class JavaRuntimes {

    public static final String SETTING = "alphastocks.registry.java-home";
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"?(\\d+)", Pattern.MULTILINE);
    private static final List<Path> JDK_FOLDERS = List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/usr/local/lib/jvm"));

    private JavaRuntimes() {
    }

    /** The {@code bin/java} of a runtime of at least {@code major}; fails naming every place it looked. */
    public static Path atLeast(int major, String whatNeedsIt) {
        return atLeast(major, whatNeedsIt, System.getenv(), System.getProperty(SETTING), Path.of(System.getProperty("java.home")), JDK_FOLDERS);
    }

    static Path atLeast(int major, String whatNeedsIt, Map<String, String> env, String setting, Path thisJvm, List<Path> jdkFolders) {
        Set<Path> candidates = new LinkedHashSet<>();
        Optional.ofNullable(setting).or(() -> Optional.ofNullable(env.get("ALPHASTOCKS_REGISTRY_JAVA_HOME")))
                .filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        candidates.add(thisJvm);
        Optional.ofNullable(env.get("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        for (Path folder : jdkFolders) {
            candidates.addAll(newestFirst(folder));
        }
        List<String> seen = new ArrayList<>();
        for (Path home : candidates) {
            Path java = home.resolve("bin").resolve("java");
            Optional<Integer> version = version(home);
            if (version.isPresent() && Files.isExecutable(java)) {
                if (version.get() >= major) {
                    return java;
                }
                seen.add(home + " (Java " + version.get() + ")");
            }
        }
        throw new IllegalStateException(whatNeedsIt + " needs Java " + major + " or newer, and none was found"
                + (seen.isEmpty() ? "" : "; found only " + String.join(", ", seen))
                + ". Install one (e.g. a Temurin " + major + " JDK under /usr/lib/jvm) or point " + SETTING
                + " (env ALPHASTOCKS_REGISTRY_JAVA_HOME) at one.");
    }

    /** A runtime's feature version, from its {@code release} file. */
    static Optional<Integer> version(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Path> newestFirst(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(folder)) {
            return homes.filter(h -> version(h).isPresent())
                    .sorted((a, b) -> version(b).get() - version(a).get()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
