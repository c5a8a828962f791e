package io.sotto.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the SIPp scenario folders are. SIPp resolves the audio files a scenario streams against
 * its working directory, and the scenarios name them from the repository root
 * ({@code sipp-scenarios/audio/...}), so SIPp runs there.
 */
public final class Scenarios {
    public static final String DIRECTORY = "sipp-scenarios";

    private Scenarios() {
    }

    /** The nearest directory at or above the working directory that holds {@value #DIRECTORY}. */
    public static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(DIRECTORY))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + DIRECTORY + " directory at or above " + start);
    }

    /** {@code sipp-scenarios/<flow>/<name>}, which must exist. */
    public static Path file(String flow, String name) {
        Path file = repositoryRoot().resolve(DIRECTORY).resolve(flow).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no scenario file " + file);
        }
        return file;
    }

    /** {@code sipp-scenarios/audio/<name>}. */
    public static Path audio(String name) {
        return repositoryRoot().resolve(DIRECTORY).resolve("audio").resolve(name);
    }
}
