package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.fork.ForkDescriptor.STATE_PAUSED;
import static io.sotto.fork.ForkDescriptor.STATE_RECORDING;
import static io.sotto.recorder.RecorderFixture.at;
import static io.sotto.recorder.RtpLeg.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import com.github.f4b6a3.ulid.Ulid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;
import io.sotto.recorder.RecordingMetadata.Segment;

/** What a crash (kill -9 at any time) leaves behind is made whole at start-up (README, "Recordings on disk"). */
class RecordingRepairTest {
    private static final long KEY = 5;
    private static final String ID = "CRASHED";

    @TempDir
    Path dir;

    @Test
    void shouldFixSizesCutTornFrameAndCompleteJsonOfRecordingInterruptedByCrash() throws Exception {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.G711, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            CallScript script = twoLegs(fixture, 150);
            script.at(at(1000), () -> fixture.state(KEY, at(1000), STATE_PAUSED, "recording", "paused"));
            script.at(at(1500), () -> fixture.state(KEY, at(1500), STATE_RECORDING, "paused", "recording"));
            script.runUntil(at(3000));
            Path wav = fixture.wavOf(ID);
            int framesBeforeCrash = WavFile.read(wav).assertConsistent().frames();
            // The crash: 500 frames and half of one more reached the disk, the header update did not.
            Files.write(wav, new byte[1001], StandardOpenOption.APPEND);

            assertThat(RecordingRepair.repairAll(dir)).isEqualTo(1);

            WavFile repaired = WavFile.read(wav).assertConsistent();
            assertThat(repaired.frames()).isEqualTo(framesBeforeCrash + 500);
            RecordingMetadata metadata = MetadataFiles.read(fixture.jsonOf(ID));
            long durationMs = repaired.frames() / 8;
            assertThat(metadata.endedAt()).isEqualTo(Files.getLastModifiedTime(wav).toInstant().toString());
            assertThat(metadata.durationMs()).isEqualTo(durationMs);
            assertThat(metadata.endReason()).isEqualTo("error");
            assertThat(metadata.error()).isEqualTo("recovered after crash");
            assertThat(metadata.sha256()).isEqualTo(sha256(wav));
            assertThat(metadata.segments()).containsExactly(
                    new Segment(500, 1500L), new Segment(2000, 2000 + durationMs - 1000));
            assertThat(metadata.events()).hasSize(2);
            assertThat(metadata.callId()).isEqualTo("call-" + ID);
            assertThat(RecordingRepair.repairAll(dir)).as("a second run finds nothing to do").isZero();
        }
    }

    @Test
    void shouldWriteMinimalJsonFromTheHeaderForWavWithoutOne() throws Exception {
        String id = RecordingIds.next();
        Path wav = g711WavLeftByACrash(id, 4000);

        assertThat(RecordingRepair.repairAll(dir)).isEqualTo(1);

        RecordingMetadata metadata = MetadataFiles.read(RecordingPaths.jsonBeside(wav));
        assertThat(metadata.recordingId()).isEqualTo(id);
        assertThat(metadata.format()).isEqualTo("g711");
        assertThat(metadata.codec()).isEqualTo("PCMU");
        assertThat(metadata.channels()).containsExactly("caller", "callee");
        assertThat(metadata.durationMs()).isEqualTo(500);
        assertThat(metadata.startedAt()).isEqualTo(Ulid.from(id).getInstant().toString());
        assertThat(metadata.endedAt()).isEqualTo(Files.getLastModifiedTime(wav).toInstant().toString());
        assertThat(metadata.endReason()).isEqualTo("error");
        assertThat(metadata.error()).isEqualTo(RecordingRepair.RECOVERED_WITHOUT_METADATA);
        assertThat(metadata.sha256()).isEqualTo(sha256(wav));
    }

    @Test
    void shouldWriteMinimalJsonFromTheHeaderWhereAPowerCutLeftTheInterimJsonEmpty() throws Exception {
        String id = RecordingIds.next();
        Path wav = g711WavLeftByACrash(id, 8000);
        Files.createFile(RecordingPaths.jsonBeside(wav));

        assertThat(RecordingRepair.repairAll(dir)).isEqualTo(1);

        RecordingMetadata metadata = MetadataFiles.read(RecordingPaths.jsonBeside(wav));
        assertThat(metadata.recordingId()).isEqualTo(id);
        assertThat(metadata.durationMs()).isEqualTo(1000);
        assertThat(metadata.error()).isEqualTo(RecordingRepair.RECOVERED_WITHOUT_METADATA);
        assertThat(metadata.sha256()).isEqualTo(sha256(wav));
    }

    @Test
    void shouldLeaveFinishedRecordingsUntouched() throws Exception {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SILENCE)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            CallScript script = twoLegs(fixture, 50);
            script.at(at(1000), () -> fixture.end(KEY, at(1000), "hangup"));
            script.runUntil(at(1010));
        }
        Path wav = dir.resolve(RecorderFixture.DAY).resolve(ID + ".wav");
        byte[] wavBefore = Files.readAllBytes(wav);
        byte[] jsonBefore = Files.readAllBytes(RecordingPaths.jsonBeside(wav));

        assertThat(RecordingRepair.repairAll(dir)).isZero();

        assertThat(Files.readAllBytes(wav)).isEqualTo(wavBefore);
        assertThat(Files.readAllBytes(RecordingPaths.jsonBeside(wav))).isEqualTo(jsonBefore);
    }

    @Test
    void shouldTurnWavCutOffBeforeItsHeaderIntoAnEmptyPlayableFile() throws Exception {
        Path wav = dir.resolve("2024/03/05/CUTOFF.wav");
        Files.createDirectories(wav.getParent());
        Files.write(wav, new byte[] {'R', 'I', 'F'});

        assertThat(RecordingRepair.repairAll(dir)).isEqualTo(1);

        assertThat(WavFile.read(wav).assertConsistent().frames()).isZero();
        assertThat(MetadataFiles.read(RecordingPaths.jsonBeside(wav)).durationMs()).isZero();
    }

    @Test
    void shouldRemoveHalfWrittenJsonAndLeaveForeignFilesAlone() throws Exception {
        Path day = Files.createDirectories(dir.resolve("2024/03/05"));
        Path temp = Files.writeString(day.resolve("X.json.tmp"), "{\"recordingId\": \"X\", \"call");
        Path foreign = Files.writeString(day.resolve("notes.wav"), "this is a text file someone named .wav, honestly");

        assertThat(RecordingRepair.repairAll(dir)).isZero();

        assertThat(temp).doesNotExist();
        assertThat(foreign).hasContent("this is a text file someone named .wav, honestly");
        assertThat(day.resolve("notes.json")).doesNotExist();
    }

    @Test
    void shouldFindNothingToRepairWhereThereIsNoDirectory() {
        assertThat(RecordingRepair.repairAll(dir.resolve("never-created"))).isZero();
    }

    private static CallScript twoLegs(RecorderFixture fixture, int count) {
        Random random = new Random(6);
        RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
        RtpLeg callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
        CallScript script = new CallScript(fixture, KEY);
        for (int k = 0; k < count; k++) {
            script.packet(caller, k, at(20L * (k + 1)), filled(0x81 + k % 100));
            script.packet(callee, k, at(20L * (k + 1)), filled(0x81 + k % 100));
        }
        return script;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** A stereo μ-law WAV of {@code frames} silent frames in a day directory, with no JSON beside it. */
    private Path g711WavLeftByACrash(String id, int frames) throws Exception {
        Path wav = dir.resolve("2024/03/05/" + id + ".wav");
        Files.createDirectories(wav.getParent());
        try (WavWriter writer = WavWriter.create(wav, WavEncoding.MULAW)) {
            writer.append(ByteBuffer.wrap(new byte[2 * frames]));
        }
        return wav;
    }
}
