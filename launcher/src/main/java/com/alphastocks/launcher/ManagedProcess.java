package com.alphastocks.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import com.alphastocks.registry.LocalProcess;

/** A child JVM whose output goes to a log file, started and stopped by the launcher. */
public final class ManagedProcess implements AutoCloseable {

    /** The java this launcher runs on: every process it starts runs on it too. */
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    /** The JDK's jcmd beside it (absent from a bare runtime): thread dumps of a stuck process, class-data archives. */
    private static final Path JCMD = Path.of(JAVA).resolveSibling("jcmd");

    private final String name;
    private final Path log;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Process process;

    private ManagedProcess(String name, Path log, List<String> command, Map<String, String> environment, Process process) {
        this.name = name;
        this.log = log;
        this.command = command;
        this.environment = environment;
        this.process = process;
    }

    static ManagedProcess startJava(String name, Path log, List<String> jvmAndArgs, Map<String, String> environment) {
        List<String> command = new java.util.ArrayList<>();
        command.add(JAVA);
        command.addAll(jvmAndArgs);
        return start(name, log, List.copyOf(command), Map.copyOf(environment), ProcessBuilder.Redirect.to(log.toFile()));
    }

    /** A process of its own command (e.g. a JVM of another Java than this one). */
    static ManagedProcess start(String name, Path log, List<String> command) {
        return start(name, log, List.copyOf(command), Map.of(), ProcessBuilder.Redirect.to(log.toFile()));
    }

    private static ManagedProcess start(String name, Path log, List<String> command, Map<String, String> environment,
                                        ProcessBuilder.Redirect output) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
            builder.environment().putAll(environment);
            return new ManagedProcess(name, log, command, environment, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** kill -9: the process gets no chance to flush, commit or say goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * The same command started again (after {@link #kill()} or {@link #close()}), with {@code edit} applied to it (the
     * class-data archive it has since), its output appended to the same log.
     */
    ManagedProcess startAgain(UnaryOperator<List<String>> edit) {
        return start(name, log, List.copyOf(edit.apply(command)), environment, ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Waits until {@code ready} holds; fails with the end of the log if the process dies or time runs out. */
    void awaitReady(BooleanSupplier ready, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + " before it was ready"
                        + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s" + tail()
                        + threadDump());
            }
            Thread.sleep(100);
        }
    }

    boolean logContains(String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return " (no log at " + log + ")";
        }
    }

    /**
     * Where a process that does not get ready is stuck: its threads (jcmd Thread.print, the JDK's own tool) written next to
     * its log, and its main thread's top frames for the message.
     */
    String threadDump() {
        if (!Files.isExecutable(JCMD) || !process.isAlive()) {
            return "";
        }
        Path dump = log.resolveSibling(log.getFileName() + ".threads.txt");
        try {
            if (!jcmd(dump, "Thread.print")) {
                return "\n(no thread dump: jcmd did not answer within 30 s)";
            }
            List<String> lines = Files.readAllLines(dump, StandardCharsets.UTF_8);
            int main = 0;
            while (main < lines.size() && !lines.get(main).startsWith("\"main\"")) {
                main++;
            }
            int end = main;
            while (end < lines.size() && !lines.get(end).isBlank() && end - main < 30) {
                end++;
            }
            return "\n--- its main thread (every thread in " + dump + ") ---\n" + String.join("\n", lines.subList(main, end));
        } catch (IOException e) {
            return "\n(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Whether this JVM was started with {@code flag}. */
    boolean startedWith(String flag) {
        return command.contains(flag);
    }

    /**
     * The classes this JVM loaded, written to {@code archive} ({@code jcmd VM.cds dynamic_dump}; it was started with
     * {@code -XX:+RecordDynamicDumpInfo}); false where there is no jcmd or it did not manage.
     */
    boolean archiveClasses(Path archive) {
        if (!Files.isExecutable(JCMD) || !process.isAlive()) {
            return false;
        }
        try {
            return jcmd(log.resolveSibling(log.getFileName() + ".cds.txt"), "VM.cds", "dynamic_dump", archive.toString())
                    && Files.isRegularFile(archive);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The JDK's jcmd on this process, its answer to {@code output}; false when it did not finish within 30 s. */
    private boolean jcmd(Path output, String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(JCMD.toString(), Long.toString(process.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            return false;
        }
        return true;
    }

    /** SIGTERM, so that the service shuts down cleanly; SIGKILL after 20 s. */
    @Override
    public void close() {
        LocalProcess.stop(process);
    }

    /** A process's peak resident memory so far, in MB (Linux: VmHWM in /proc/PID/status); empty where the system does not tell. */
    static java.util.OptionalLong peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return java.util.OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process just ended: no figure for it
        }
        return java.util.OptionalLong.empty();
    }
}
