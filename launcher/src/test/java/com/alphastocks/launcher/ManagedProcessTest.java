package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    /** A JVM that never gets ready: its main thread sleeps in a method of its own. */
    public static final class NeverReady {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("starting");
            waitingForSomethingThatNeverComes();
        }

        static void waitingForSomethingThatNeverComes() throws InterruptedException {
            Thread.sleep(600_000);
        }
    }

    @Test
    void shouldSayWhereAProcessThatIsNotReadyInTimeIsStuck(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("never-ready.log");
        try (ManagedProcess process = ManagedProcess.startJava("never-ready", log,
                List.of("-cp", System.getProperty("java.class.path"), NeverReady.class.getName()), Map.of())) {
            process.awaitReady(() -> process.logContains("starting"), Duration.ofSeconds(30));

            assertThatThrownBy(() -> process.awaitReady(() -> false, Duration.ofSeconds(1)))
                    .hasMessageContaining("never-ready was not ready within 1 s")
                    .hasMessageContaining("--- its main thread (every thread in " + dir.resolve("never-ready.log.threads.txt") + ") ---")
                    .hasMessageContaining("NeverReady.waitingForSomethingThatNeverComes");
            assertThat(Files.readString(dir.resolve("never-ready.log.threads.txt"))).contains("\"main\"");
        }
    }
}
