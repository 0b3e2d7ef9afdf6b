package com.alphastocks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM's own class data sharing (AppCDS, JDK 13+) for the services the launcher starts: a service's first clean stop
 * archives the classes it loaded ({@code .run/cds/<instance>.jsa}); later starts of the same build map them instead of
 * loading and verifying them again — a service restarted while the day plays (the fault suite) is ready sooner. An archive
 * older than the service's jar is made anew; one the JVM cannot use is ignored by it (the service starts without).
 */
final class ClassDataSharing {

    private ClassDataSharing() {
    }

    /** The JVM flags for an instance started from {@code jar}, archives kept in {@code dir}. */
    static List<String> flags(Path dir, String instance, Path jar) {
        Path archive = dir.resolve(instance.replace('#', '-') + ".jsa");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
            Files.deleteIfExists(archive);
            return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        } catch (IOException | UnsupportedOperationException e) {
            return List.of();
        }
    }
}
