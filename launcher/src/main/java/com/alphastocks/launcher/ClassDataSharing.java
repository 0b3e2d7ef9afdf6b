package com.alphastocks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * The JVM's own class data sharing (AppCDS, JDK 13+) for the JVMs the launcher starts (the services, the broker): once a
 * JVM without an archive of this build is ready, it writes the classes it loaded to {@code .run/cds/<process>.jsa}
 * ({@code jcmd VM.cds dynamic_dump}; it was started with {@link #RECORD}), and every later start of it maps them instead
 * of loading and verifying them again — a process restarted while the day plays (the fault suite) is ready sooner, from
 * the first run after a build on (the broker: 3.5 s to 2.4 s idle). Archives are written then only, never when a process
 * stops (an operator's restart, a fault: the dump takes seconds). An archive older than the jar is made anew; one the JVM
 * cannot use is ignored by it. {@code -Dalphastocks.class-data-sharing=off} (for the launcher's JVM, e.g. through
 * JAVA_TOOL_OPTIONS) starts them without archives, for comparisons.
 */
final class ClassDataSharing {

    /** Lets a JVM write its archive when asked ({@link #archive}, once it is ready). */
    static final String RECORD = "-XX:+RecordDynamicDumpInfo";

    private ClassDataSharing() {
    }

    /** The JVM flags for process {@code name} started from {@code jar}, archives kept in {@code dir}. */
    static List<String> flags(Path dir, String name, Path jar) {
        if ("off".equals(System.getProperty("alphastocks.class-data-sharing"))) {
            return List.of();
        }
        Path archive = archive(dir, name);
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
            Files.deleteIfExists(archive);
            return List.of(RECORD, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        } catch (IOException | UnsupportedOperationException e) {
            return List.of();
        }
    }

    /**
     * Each of these processes that records and has no archive yet writes its own, two at a time (each takes 2-3 s of
     * CPU); returns how many did.
     */
    static int archive(Path dir, List<ManagedProcess> processes) {
        List<ManagedProcess> recording = processes.stream()
                .filter(p -> p.isAlive() && p.startedWith(RECORD) && !Files.exists(archive(dir, p.name()))).toList();
        if (recording.isEmpty()) {
            return 0;
        }
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            int written = 0;
            for (Future<Boolean> done : writers.invokeAll(recording.stream()
                    .map(p -> (Callable<Boolean>) () -> p.archiveClasses(archive(dir, p.name()))).toList())) {
                written += done.get() ? 1 : 0;
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            return 0;
        } finally {
            writers.shutdownNow();
        }
    }

    /** A recording process's command, started again: on the archive it wrote since, where it has one. */
    static UnaryOperator<List<String>> onArchive(Path dir, String name) {
        Path archive = archive(dir, name);
        return command -> !command.contains(RECORD) || !Files.isRegularFile(archive) ? command
                : command.stream().map(flag -> flag.equals(RECORD) ? "-XX:SharedArchiveFile=" + archive : flag).toList();
    }

    private static Path archive(Path dir, String name) {
        return dir.resolve(name.replace('#', '-') + ".jsa");
    }
}
