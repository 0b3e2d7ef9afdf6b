package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    /** A JVM that says it started, then waits (run by the JDK's source launcher: no class path to archive). */
    private static final String WAITER = """
            public class Waiter {
                public static void main(String[] args) throws Exception {
                    System.out.println("started");
                    Thread.sleep(600_000);
                }
            }
            """;

    @Test
    void shouldArchiveAReadyJvmOnceAndStartItAgainOnTheArchive(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("waiter.jar"), "the build the archive belongs to");
        Path cds = dir.resolve("cds");
        List<String> first = ClassDataSharing.flags(cds, "waiter", jar);
        assertThat(first).contains(ClassDataSharing.RECORD);

        try (ManagedProcess waiter = start(dir, first)) {
            assertThat(ClassDataSharing.archive(cds, List.of(waiter))).isEqualTo(1);
            // Once only: a process that wrote its archive does not write it again.
            assertThat(ClassDataSharing.archive(cds, List.of(waiter))).isZero();
        }

        assertThat(cds.resolve("waiter.jsa")).isRegularFile();
        // Started again (a fault's restart), the same process maps the archive it wrote.
        assertThat(ClassDataSharing.onArchive(cds, "waiter").apply(first))
                .contains("-XX:SharedArchiveFile=" + cds.resolve("waiter.jsa")).doesNotContain(ClassDataSharing.RECORD);
        List<String> next = ClassDataSharing.flags(cds, "waiter", jar);
        assertThat(next).contains("-XX:SharedArchiveFile=" + cds.resolve("waiter.jsa")).doesNotContain(ClassDataSharing.RECORD);
        // With -Xshare:on a JVM that cannot map its archive does not start at all.
        List<String> strict = new ArrayList<>(List.of("-Xshare:on"));
        strict.addAll(next);
        try (ManagedProcess again = start(dir, strict)) {
            assertThat(again.isAlive()).isTrue();
        }
    }

    @Test
    void shouldMakeAnArchiveOlderThanItsJarAnew(@TempDir Path dir) throws Exception {
        Path cds = Files.createDirectories(dir.resolve("cds"));
        Path archive = Files.writeString(cds.resolve("signal-service-2.jsa"), "classes of the last build");
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "this build");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 10_000));

        assertThat(ClassDataSharing.flags(cds, "signal-service#2", jar)).contains(ClassDataSharing.RECORD)
                .noneMatch(flag -> flag.startsWith("-XX:SharedArchiveFile"));
        assertThat(archive).doesNotExist();
    }

    @Test
    void shouldStartWithoutArchivesWhenTurnedOff(@TempDir Path dir) throws Exception {
        Path cds = Files.createDirectories(dir.resolve("cds"));
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "this build");
        Path archive = Files.writeString(cds.resolve("executor-service.jsa"), "classes of this build");
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        System.setProperty("alphastocks.class-data-sharing", "off");
        try {
            assertThat(ClassDataSharing.flags(cds, "executor-service", jar)).isEmpty();
        } finally {
            System.clearProperty("alphastocks.class-data-sharing");
        }
        assertThat(ClassDataSharing.flags(cds, "executor-service", jar)).contains("-XX:SharedArchiveFile=" + archive);
    }

    private static ManagedProcess start(Path dir, List<String> flags) throws Exception {
        Path source = dir.resolve("Waiter.java");
        Files.writeString(source, WAITER);
        List<String> command = new ArrayList<>(flags);
        command.add(source.toString());
        ManagedProcess process = ManagedProcess.startJava("waiter", dir.resolve("waiter-" + System.nanoTime() + ".log"), command, Map.of());
        process.awaitReady(() -> process.logContains("started"), Duration.ofSeconds(60));
        return process;
    }
}
