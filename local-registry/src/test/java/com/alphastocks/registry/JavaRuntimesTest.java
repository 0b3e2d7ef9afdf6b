package com.alphastocks.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {

    @TempDir
    Path jvms;

    @Test
    void shouldTakeTheNewestRuntimeUnderTheJdkFoldersWhenThisJvmIsTooOld() throws IOException {
        Path java17 = runtime("java-17", "17.0.15");
        runtime("temurin-21", "21.0.5");
        Path java25 = runtime("temurin-25", "25.0.3");

        Path found = JavaRuntimes.atLeast(21, "the registry", Map.of(), null, java17, List.of(jvms));

        assertThat(found).isEqualTo(java25.resolve("bin/java"));
    }

    @Test
    void shouldPreferTheSettingThenThisJvmThenJavaHome() throws IOException {
        Path setting = runtime("chosen", "21");
        Path current = runtime("current", "23");
        Path javaHome = runtime("java-home", "24");

        assertThat(JavaRuntimes.atLeast(21, "x", Map.of("JAVA_HOME", javaHome.toString()), setting.toString(), current, List.of(jvms)))
                .isEqualTo(setting.resolve("bin/java"));
        assertThat(JavaRuntimes.atLeast(21, "x", Map.of("JAVA_HOME", javaHome.toString()), null, current, List.of()))
                .isEqualTo(current.resolve("bin/java"));
        assertThat(JavaRuntimes.atLeast(24, "x", Map.of("JAVA_HOME", javaHome.toString()), null, current, List.of()))
                .isEqualTo(javaHome.resolve("bin/java"));
    }

    @Test
    void shouldSayWhatNeedsWhichJavaAndWhatWasFoundWhenNoneIsNewEnough() throws IOException {
        Path java17 = runtime("java-17", "17.0.15");

        assertThatThrownBy(() -> JavaRuntimes.atLeast(21, "Apicurio Registry 3.3.3", Map.of(), null, java17, List.of(jvms)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Apicurio Registry 3.3.3 needs Java 21 or newer")
                .hasMessageContaining(java17 + " (Java 17)")
                .hasMessageContaining("alphastocks.registry.java-home");
    }

    private Path runtime(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
