package com.alphastocks.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void shouldTakeTheJsonFileOfARun() {
        assertThat(Main.RunOptions.parse(List.of("--json", "out/summary.json")).json()).isEqualTo(Path.of("out/summary.json"));
        assertThat(Main.RunOptions.parse(List.of()).json()).isNull();
        Main.RunOptions both = Main.RunOptions.parse(List.of("--trades", "trades.csv", "--json", "s.json"));
        assertThat(both.trades()).isEqualTo(Path.of("trades.csv"));
        assertThat(both.json()).isEqualTo(Path.of("s.json"));
    }

    @Test
    void shouldNameWhatIsWrongWithARunCommandLine() {
        assertThatThrownBy(() -> Main.RunOptions.parse(List.of("--json")))
                .isInstanceOf(Main.UsageException.class).hasMessage("--json needs a file name");
        assertThatThrownBy(() -> Main.RunOptions.parse(List.of("--trades")))
                .isInstanceOf(Main.UsageException.class).hasMessage("--trades needs a file name");
        assertThatThrownBy(() -> Main.RunOptions.parse(List.of("--fast")))
                .isInstanceOf(Main.UsageException.class).hasMessage("unknown option '--fast' for run");
    }

    @Test
    void shouldSayHowToBuildWhenTheServicesAreNotBuilt() {
        Home empty = new Home(Path.of("/nonexistent-checkout"));

        assertThatThrownBy(() -> empty.serviceJar("signal-service"))
                .hasMessageContaining("signal-service/target/quarkus-app/quarkus-run.jar is missing")
                .hasMessageContaining("./alphastocks builds what it needs");
    }
}
