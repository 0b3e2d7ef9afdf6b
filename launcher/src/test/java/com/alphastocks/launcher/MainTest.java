package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void shouldTakeTheJsonFileOfARun() {
        assertThat(RunOptions.parse(List.of("--json", "out/summary.json")).json()).isEqualTo(Path.of("out/summary.json"));
        assertThat(RunOptions.parse(List.of()).json()).isNull();
        RunOptions both = RunOptions.parse(List.of("--trades", "trades.csv", "--json", "s.json"));
        assertThat(both.trades()).isEqualTo(Path.of("trades.csv"));
        assertThat(both.json()).isEqualTo(Path.of("s.json"));
    }

    @Test
    void shouldTakeTheUsersDataSpeedAndSettings(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path ticks = java.nio.file.Files.writeString(dir.resolve("ticks.csv"), "");
        RunOptions options = RunOptions.parse(List.of("--ticks", ticks.toString(), "--speed", "max",
                "--set", "alphastocks.executor.mode=BALANCED", "--set", "a.b = c=d"));

        assertThat(options.ticks()).isEqualTo(ticks);
        assertThat(options.signals()).isNull();
        assertThat(options.speed()).isZero();
        assertThat(options.settings()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("alphastocks.executor.mode", "BALANCED", "a.b", "c=d"));
        assertThat(RunOptions.parse(List.of()).speed()).isEqualTo(RunOptions.DEFAULT_SPEED);
        assertThat(RunOptions.parse(List.of("--speed", "60")).speed()).isEqualTo(60);
    }

    @Test
    void shouldNameWhatIsWrongWithARunCommandLine() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--ticks", "/nonexistent/ticks.csv")))
                .isInstanceOf(Main.UsageException.class).hasMessage("cannot read /nonexistent/ticks.csv");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--speed", "0")))
                .isInstanceOf(Main.UsageException.class).hasMessage("--speed needs a positive number (times exchange time) or max, not '0'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--set", "=x")))
                .isInstanceOf(Main.UsageException.class).hasMessage("--set needs key=value, not '=x'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--json")))
                .isInstanceOf(Main.UsageException.class).hasMessage("--json needs a file name");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--trades")))
                .isInstanceOf(Main.UsageException.class).hasMessage("--trades needs a file name");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--fast")))
                .isInstanceOf(Main.UsageException.class).hasMessage("unknown option '--fast' for run");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--containers", "--resume")))
                .isInstanceOf(Main.UsageException.class)
                .hasMessage("--resume carries on a run of processes; the compose stack (--containers) starts clean");
        assertThat(RunOptions.parse(List.of("--containers")).containers()).isTrue();
    }

    @Test
    void shouldSayHowToBuildWhenTheServicesAreNotBuilt() {
        Home empty = new Home(Path.of("/nonexistent-checkout"));

        assertThatThrownBy(() -> empty.serviceJar("signal-service"))
                .hasMessageContaining("signal-service/target/quarkus-app/quarkus-run.jar is missing")
                .hasMessageContaining("./alphastocks builds what it needs");
    }

    @Test
    void shouldAnswerHelpFromTheOneTableAndRefuseWhatItCannotRunWithExitTwo() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine line = Main.commandLine();
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(err, true));

        assertThat(line.execute()).as("no command: the usage").isZero();
        assertThat(out.toString()).contains("commands:");
        assertThat(line.execute("--help")).isZero();
        assertThat(out.toString()).contains("commands:").contains("run").contains("faults").contains("scale")
                .contains("kill-switch").contains("trading-state");
        assertThat(line.execute("help", "faults")).isZero();
        assertThat(out.toString()).contains("--baseline=TRADES.csv");

        assertThat(line.execute("frob")).isEqualTo(2);
        assertThat(err.toString()).contains("alphastocks: unknown command 'frob'").contains("./alphastocks help: every command");
        // Refused before anything starts: the options are checked first.
        assertThat(line.execute("run", "--speed", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("alphastocks: --speed needs a positive number (times exchange time) or max, not '0'")
                .contains("./alphastocks help run: every option");
        assertThat(line.execute("kill-switch", "maybe")).isEqualTo(2);
        assertThat(err.toString()).contains("kill-switch takes on or off (or nothing, to show it), not maybe");
    }
}
