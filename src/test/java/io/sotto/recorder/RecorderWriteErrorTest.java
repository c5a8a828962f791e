package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.fork.ForkDescriptor.STATE_PAUSED;
import static io.sotto.recorder.RecorderFixture.at;
import static io.sotto.recorder.RtpLeg.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;

/**
 * A recording that cannot be written ends as {@code error} with its cause, is counted, and never
 * disturbs the agent: the call goes on (README, "Recordings on disk"). Tests run as root here, so
 * failures come from the file system's shape and the kernel's file size limit rather than from
 * permissions.
 */
class RecorderWriteErrorTest {
    private static final long KEY = 9;
    private static final String ID = "UNWRITABLE";

    @TempDir
    Path tmp;

    @Test
    void shouldEndAsErrorWhenTheRecordingsDirectoryCannotBeCreated() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("recordings"), "a file where the directory should be");
        try (RecorderFixture fixture = new RecorderFixture(notADirectory, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            CallScript script = twoLegs(fixture, 50);
            script.at(at(1000), () -> fixture.end(KEY, at(1000), "hangup"));
            script.runUntil(at(1010));

            RecordingMetadata metadata = fixture.onlyFinished().metadata();
            assertThat(metadata.endReason()).isEqualTo("error");
            assertThat(metadata.error()).startsWith("cannot create directory " + notADirectory.resolve("2024/03/05"));
            assertThat(metadata.durationMs()).isZero();
            assertThat(fixture.agent.counters().writeErrors()).isEqualTo(1);
            assertThat(fixture.agent.counters().packetsWritten()).isZero();
            assertThat(fixture.agent.openFiles()).isZero();
            assertThat(fixture.agent.activeRecordings()).isZero();
        }
    }

    @Test
    void shouldEndAsErrorWhenTheDayDirectoryIsReplacedByAFileMidCall() throws Exception {
        Path dir = tmp.resolve("recordings");
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            CallScript script = twoLegs(fixture, 100);
            Path day = dir.resolve(RecorderFixture.DAY);
            script.at(at(1000), () -> replaceWithFile(day));
            script.at(at(1200), () -> fixture.state(KEY, at(1200), STATE_PAUSED, "recording", "paused"));
            script.at(at(2000), () -> fixture.end(KEY, at(2000), "hangup"));
            script.runUntil(at(2010));

            RecordingMetadata metadata = fixture.onlyFinished().metadata();
            assertThat(metadata.endReason()).isEqualTo("error");
            assertThat(metadata.error()).isEqualTo("cannot write " + day.resolve(ID + ".json") + ": Not a directory");
            assertThat(fixture.agent.counters().writeErrors()).isGreaterThanOrEqualTo(1);
            assertThat(fixture.agent.openFiles()).isZero();
        }
    }

    @Test
    void shouldKeepWhatWasWrittenAndEndAsErrorWhenTheWavCannotGrow() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        Path dir = tmp.resolve("recordings");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // 100 KiB per file: the WAV (32 000 bytes a second) stops growing after about 3.2 s of audio.
        Process child = new ProcessBuilder("/bin/bash", "-c", "ulimit -f 100 && exec \"$0\" \"$@\"",
                java, "-Xmx64m", "-cp", classPath, FileSizeLimitedRecording.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("child finished within 60 s: %s", output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();

        Path wav = dir.resolve(RecorderFixture.DAY).resolve(FileSizeLimitedRecording.ID + ".wav");
        List<String> lines = output.lines().toList();
        assertThat(lines).contains("writeErrors=1", "openFiles=0", "endReason=error",
                "error=cannot write audio to " + wav + ": File too large");
        WavFile file = WavFile.read(wav).assertConsistent();
        assertThat(file.bytes().limit()).isLessThanOrEqualTo(100 * 1024);
        assertThat(file.durationMs()).isBetween(3000L, 3200L);
        RecordingMetadata metadata = MetadataFiles.read(RecordingPaths.jsonBeside(wav));
        assertThat(metadata.endReason()).isEqualTo("error");
        assertThat(metadata.durationMs()).isEqualTo(file.durationMs());
        assertThat(metadata.sha256()).isNotNull();
    }

    private static void replaceWithFile(Path day) {
        try {
            try (var files = Files.list(day)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(day);
            Files.writeString(day, "not a directory any more");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CallScript twoLegs(RecorderFixture fixture, int count) {
        Random random = new Random(10);
        RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
        RtpLeg callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
        CallScript script = new CallScript(fixture, KEY);
        for (int k = 0; k < count; k++) {
            script.packet(caller, k, at(20L * (k + 1)), filled(0x81 + k % 100));
            script.packet(callee, k, at(20L * (k + 1)), filled(0x81 + k % 100));
        }
        return script;
    }
}
