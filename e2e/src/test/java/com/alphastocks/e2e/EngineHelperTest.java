package com.alphastocks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code containers/engine.sh}'s reuse rule, with real Podman API services on a socket in the test's own directory:
 * a service started with another configuration, or by hand, is replaced; the helper's own is reused; release stops
 * only what that call started. Needs Podman (with ALPHASTOCKS_E2E_REQUIRED=true, as in CI, its absence is a failure).
 */
class EngineHelperTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;
    private Process byHand;

    @BeforeAll
    static void podman() throws Exception {
        boolean there = new ProcessBuilder("bash", "-c", "command -v podman").start().waitFor() == 0;
        if (!there && Boolean.parseBoolean(System.getenv("ALPHASTOCKS_E2E_REQUIRED"))) {
            throw new IllegalStateException("no podman on PATH (ALPHASTOCKS_E2E_REQUIRED=true)");
        }
        Assumptions.assumeTrue(there, "no podman on PATH: the engine helper is not tested here");
    }

    @AfterEach
    void stopEverything() throws Exception {
        helper(Map.of(), "alphastocks_engine_stop \"$ALPHASTOCKS_PODMAN_DIR\" \"$ALPHASTOCKS_PODMAN_DIR/podman.sock\"");
        if (byHand != null) {
            byHand.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldReplaceAServiceStartedWithAnotherConfigurationAndReuseItsOwn() throws Exception {
        Path other = dir.resolve("other.conf");
        Files.writeString(other, Files.readString(REPO.resolve("containers/containers.conf")) + "\n# another checkout's settings\n");
        long first = pid(helper(Map.of("CONTAINERS_CONF", other.toString()), "alphastocks_engine && cat \"$ALPHASTOCKS_PODMAN_DIR/service.pid\""));

        String replaced = helper(Map.of(), "alphastocks_engine && echo started=$ALPHASTOCKS_ENGINE_STARTED && cat \"$ALPHASTOCKS_PODMAN_DIR/service.pid\"");
        assertThat(replaced).contains("replacing podman's API service", other.toString(), "started=1");
        long second = pid(replaced);
        assertThat(second).isNotEqualTo(first);
        assertThat(alive(first)).as("the service with the other configuration is gone").isFalse();
        assertThat(Files.readString(dir.resolve("service.id"))).contains("CONTAINERS_CONF=" + dir.resolve("containers.conf"));
        assertThat(dir.resolve("containers.conf")).as("the settings copied beside the socket").hasSameTextualContentAs(
                REPO.resolve("containers/containers.conf"));

        String reused = helper(Map.of(), "alphastocks_engine && echo started=$ALPHASTOCKS_ENGINE_STARTED && cat \"$ALPHASTOCKS_PODMAN_DIR/service.pid\"");
        assertThat(reused).contains("started=0").doesNotContain("replacing");
        assertThat(pid(reused)).isEqualTo(second);
    }

    @Test
    void shouldReplaceAServiceStartedByHand() throws Exception {
        byHand = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + dir.resolve("podman.sock"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("by-hand.log").toFile()).start();
        helper(Map.of(), "for _ in $(seq 1 50); do alphastocks_engine_answers \"$ALPHASTOCKS_PODMAN_DIR/podman.sock\" && break; sleep 0.2; done");

        String replaced = helper(Map.of(), "alphastocks_engine && echo started=$ALPHASTOCKS_ENGINE_STARTED");

        assertThat(replaced).contains("replacing podman's API service", "started by something else", "started=1");
        assertThat(byHand.waitFor(10, TimeUnit.SECONDS)).as("the service started by hand has stopped").isTrue();
    }

    @Test
    void shouldStopOnReleaseOnlyTheServiceThatCallStarted() throws Exception {
        String alone = helper(Map.of(), "alphastocks_engine && alphastocks_engine_release && "
                + "{ alphastocks_engine_answers \"$ALPHASTOCKS_PODMAN_DIR/podman.sock\" && echo answers || echo silent; }");
        assertThat(alone).contains("stopped podman's API service", "silent");

        helper(Map.of(), "alphastocks_engine");
        String reusing = helper(Map.of(), "alphastocks_engine && alphastocks_engine_release && "
                + "{ alphastocks_engine_answers \"$ALPHASTOCKS_PODMAN_DIR/podman.sock\" && echo answers || echo silent; }");
        assertThat(reusing).contains("answers").doesNotContain("stopped");
    }

    /** Runs {@code script} in bash with the helper sourced, in the repository, its services in the test's directory. */
    private String helper(Map<String, String> env, String script) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "helper-", ".out");
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", ". containers/engine.sh && " + script)
                .directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        bash.environment().remove("CONTAINERS_CONF");
        bash.environment().put("ROOT", REPO.toString());
        bash.environment().put("ALPHASTOCKS_PODMAN_DIR", dir.toString());
        bash.environment().putAll(env);
        Process process = bash.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the helper finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("the helper's exit, having said:%n%s", output).isZero();
        return output;
    }

    private static long pid(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return Long.parseLong(lines.get(lines.size() - 1).trim());
    }

    /** Running, not a zombie left for a parent that does not reap (the helper's services are orphans by design). */
    private static boolean alive(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                    return false;
                }
            } catch (IOException gone) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
