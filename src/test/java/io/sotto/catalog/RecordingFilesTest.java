package io.sotto.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFilesTest {
    @TempDir
    Path dir;

    @Test
    void resolvesAStoredPathToItsFileInsideTheRecordingsDirectory() throws Exception {
        Path root = Files.createDirectories(dir.resolve("recordings"));
        Path wav = Files.write(Files.createDirectories(root.resolve("2026/11/22")).resolve("A.wav"), new byte[] {1});
        RecordingFiles files = new RecordingFiles(root);

        assertThat(files.relative(wav)).isEqualTo("2026/11/22/A.wav");
        assertThat(files.resolve("2026/11/22/A.wav")).contains(wav.toAbsolutePath().normalize());
    }

    @Test
    void refusesAnyPathThatLeadsOutOfTheRecordingsDirectory() throws Exception {
        Path root = Files.createDirectories(dir.resolve("recordings"));
        Path outside = Files.write(dir.resolve("secret.txt"), new byte[] {1});
        Files.createSymbolicLink(root.resolve("link.wav"), outside);
        Files.createDirectories(root.resolve("2026"));
        RecordingFiles files = new RecordingFiles(root);

        for (String stored : new String[] {"../secret.txt", "2026/../../secret.txt", outside.toString(), "link.wav",
                "2026", "", "missing.wav", "2026/\0.wav"}) {
            assertThat(files.resolve(stored)).as(stored).isEmpty();
        }
        assertThat(files.resolve(null)).isEmpty();
    }
}
