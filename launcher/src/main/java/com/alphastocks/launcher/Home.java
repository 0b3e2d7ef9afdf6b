package com.alphastocks.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout is, what it built, and where a run keeps its data and logs ({@code .run/}). */
public record Home(Path root) {

    public static Home fromSystemProperty() {
        return new Home(Path.of(System.getProperty("alphastocks.home", ".")).toAbsolutePath().normalize());
    }

    Path runDir() {
        return root.resolve(".run");
    }

    Path logs() {
        return runDir().resolve("logs");
    }

    Path brokerJar() {
        return built(root.resolve("local-kafka/target/local-kafka.jar"));
    }

    /** The benchmarks and the scale-out run (bench, scale). */
    Path benchJar() {
        return built(root.resolve("bench/target/bench.jar"));
    }

    Path strategyRunnerJar() {
        return built(root.resolve("strategies/target/strategy-runner.jar"));
    }

    /** Apicurio Registry's distribution, unpacked by the local-registry module's build. */
    Path registryDistribution() {
        built(root.resolve("local-registry/target/apicurio-registry/quarkus-run.jar"));
        return root.resolve("local-registry/target/apicurio-registry");
    }

    Path serviceJar(String service) {
        return built(root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"));
    }

    private static Path built(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./alphastocks builds what it needs, "
                    + "or ./mvnw -DskipTests package)");
        }
        return jar;
    }
}
