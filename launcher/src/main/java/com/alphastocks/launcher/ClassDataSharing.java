package com.alphastocks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JVM's own class data sharing (AppCDS, JDK 13+) for the JVMs the launcher starts (the services, the broker): when the
 * launcher stops its stack, each JVM that had no archive writes the classes it loaded ({@code .run/cds/<process>.jsa},
 * {@code jcmd VM.cds dynamic_dump}); later starts of the same build map them instead of loading and verifying them
 * again — a process restarted while the day plays (the fault suite) is ready sooner (the broker: 3.5 s to 2.4 s, idle).
 * Archives are written then only, never when a process stops during a run (an operator's restart, a fault: the dump
 * takes seconds). An archive older than the jar is made anew; one the JVM cannot use is ignored by it.
 */
final class ClassDataSharing {

    /** Makes a JVM ready to be archived when the stack stops. */
    static final String RECORD = "-XX:+RecordDynamicDumpInfo";

    private ClassDataSharing() {
    }

    /** The JVM flags for process {@code name} started from {@code jar}, archives kept in {@code dir}. */
    static List<String> flags(Path dir, String name, Path jar) {
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

    /** Each of these processes that has no archive yet writes its own, two at a time (each takes 2-3 s of CPU). */
    static void archive(Path dir, List<ManagedProcess> processes) {
        List<ManagedProcess> recording = processes.stream().filter(p -> p.isAlive() && p.startedWith(RECORD)).toList();
        if (recording.isEmpty()) {
            return;
        }
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            writers.invokeAll(recording.stream().map(p -> (Callable<Boolean>) () -> p.archiveClasses(archive(dir, p.name()))).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writers.shutdownNow();
        }
    }

    private static Path archive(Path dir, String name) {
        return dir.resolve(name.replace('#', '-') + ".jsa");
    }
}
