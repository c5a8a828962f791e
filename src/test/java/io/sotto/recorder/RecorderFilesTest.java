package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.fork.ForkDescriptor.STATE_PAUSED;
import static io.sotto.fork.ForkDescriptor.STATE_RECORDING;
import static io.sotto.recorder.RecorderFixture.MS;
import static io.sotto.recorder.RecorderFixture.at;
import static io.sotto.recorder.RtpLeg.SAMPLES;
import static io.sotto.recorder.RtpLeg.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;

/** The recording's two files: where they are, that they are valid at every moment, what they hold. */
class RecorderFilesTest {
    private static final long KEY = 3;
    private static final String ID = "01HRECORDING0000000000000A";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldCreatePlayableWavAndUnfinishedJsonInTheStartsUtcDayDirectory() throws Exception {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");

            Path wav = dir.resolve("2024/03/05/" + ID + ".wav");
            assertThat(wav).exists().hasSize(44);
            WavFile.read(wav).assertConsistent();
            JsonNode json = JSON.readTree(dir.resolve("2024/03/05/" + ID + ".json").toFile());
            assertThat(json.get("recordingId").asText()).isEqualTo(ID);
            assertThat(json.get("endedAt").isNull()).isTrue();
            assertThat(json.get("startedAt").asText()).isEqualTo("2024-03-05T23:59:59.100Z");
            assertThat(json.get("segments").toString()).isEqualTo("[{\"startMs\":500,\"endMs\":null}]");
            assertThat(fixture.agent.openFiles()).isEqualTo(1);
            assertThat(fixture.agent.activeRecordings()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepHeaderMatchingTheFileAfterEveryWriteAndWriteAtLeastEverySecond() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.G711, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            CallScript script = twoLegs(fixture, 250);
            Path wav = fixture.wavOf(ID);
            long[] lastGrowth = {at(0)};
            long[] lastSize = {44};
            List<Long> sizes = new ArrayList<>();

            script.runUntil(at(5000), () -> {
                WavFile file = WavFile.read(wav);
                assertThat(file.bytes().getInt(4)).isEqualTo(file.bytes().limit() - 8);
                assertThat(file.bytes().getInt(54)).isEqualTo(file.bytes().limit() - 58);
                assertThat(file.bytes().getInt(46)).isEqualTo(file.frames());
                long now = fixture.nanoClock.nanoTime();
                if (file.bytes().limit() > lastSize[0]) {
                    lastSize[0] = file.bytes().limit();
                    lastGrowth[0] = now;
                    sizes.add(lastSize[0]);
                }
                assertThat(now - lastGrowth[0]).as("time since the file last grew").isLessThanOrEqualTo(1000 * MS);
            });

            WavFile.read(wav).assertConsistent();
            assertThat(sizes).hasSizeGreaterThan(20);
            // Held back only by the 200 ms jitter window plus at most one 100 ms batch.
            assertThat(WavFile.read(wav).durationMs()).isBetween(4700L, 4800L);
        }
    }

    @Test
    void shouldCreateTheDayDirectoryAgainWhenItWasRemovedBetweenRecordings() throws Exception {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            fixture.end(KEY, at(100), "hangup");
            fixture.clock(at(100));
            fixture.drain();
            Path day = fixture.wavOf(ID).getParent();
            try (var files = Files.walk(day)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            assertThat(day).doesNotExist();

            String second = "01HRECORDING0000000000000B";
            fixture.start(KEY + 1, second, "PCMU", "PCMU");
            fixture.end(KEY + 1, at(200), "hangup");
            fixture.clock(at(200));
            fixture.drain();

            assertThat(fixture.finished).hasSize(2);
            assertThat(fixture.finished.get(1).metadata().error()).isNull();
            assertThat(fixture.finished.get(1).metadata().endReason()).isEqualTo("hangup");
            assertThat(fixture.wavOf(second)).exists();
            assertThat(fixture.agent.counters().writeErrors()).isZero();
        }
    }

    @Test
    void shouldKeepWritingASecondAfterOneSideFellSilent() {
        // The callee stops sending at 1 s (a hold, a one-way call): it holds the writing back for
        // a second at most, not until the mix runs out of room ahead (about 3 s written by 4 s).
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            CallScript script = twoLegs(fixture, 200, 50);

            script.runUntil(at(4000));

            WavFile wav = WavFile.read(fixture.wavOf(ID));
            // 200 ms jitter window and one 100 ms batch behind the clock
            assertThat(wav.durationMs()).isGreaterThanOrEqualTo(3700L);
            assertThat(wav.left(3699 * 8)).isEqualTo(G711.ULAW_TO_LINEAR[0x81 + 184 % 100]);
            assertThat(wav.right(3699 * 8)).isZero();
        }
    }

    @Test
    void shouldWriteFinalJsonWithExactlyTheSpecFieldsAndTheWavChecksum() throws Exception {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMA");
            CallScript script = twoLegs(fixture, 100);
            script.at(at(1000), () -> fixture.state(KEY, at(1000), STATE_PAUSED, "recording", "paused"));
            script.at(at(1500), () -> fixture.state(KEY, at(1500), STATE_RECORDING, "paused", "recording"));
            script.at(at(2000), () -> fixture.end(KEY, at(2000), "hangup"));
            script.runUntil(at(2010));

            RecorderFixture.Finished finished = fixture.onlyFinished();
            assertThat(finished.wav()).isEqualTo(fixture.wavOf(ID));
            assertThat(finished.json()).isEqualTo(fixture.jsonOf(ID));
            JsonNode json = JSON.readTree(finished.json().toFile());
            List<String> fields = new ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("recordingId", "callId", "sipCallIds", "direction", "caller", "callee",
                    "agents", "number", "startedAt", "endedAt", "durationMs", "callDurationMs", "channels", "codec",
                    "format", "pauseBehavior", "segments", "events", "endReason", "linkedRecordings", "sha256",
                    "error");
            assertThat(json.get("sipCallIds").toString()).isEqualTo("[\"a-leg@127.0.0.1\",\"b-leg@127.0.0.1\"]");
            assertThat(json.get("endedAt").asText()).isEqualTo("2024-03-06T00:00:01.100Z");
            assertThat(json.get("durationMs").asLong()).isEqualTo(1500);
            assertThat(json.get("callDurationMs").asLong()).isEqualTo(2500);
            assertThat(json.get("channels").toString()).isEqualTo("[\"caller\",\"callee\"]");
            assertThat(json.get("codec").asText()).isEqualTo("PCMU/PCMA");
            assertThat(json.get("format").asText()).isEqualTo("pcm16");
            assertThat(json.get("segments").toString())
                    .isEqualTo("[{\"startMs\":500,\"endMs\":1500},{\"startMs\":2000,\"endMs\":2500}]");
            assertThat(json.get("events")).hasSize(2);
            assertThat(json.get("events").get(0).get("how").asText()).isEqualTo("dtmf");
            assertThat(json.get("endReason").asText()).isEqualTo("hangup");
            assertThat(json.get("linkedRecordings").toString())
                    .isEqualTo("[\"01PREVIOUSRECORDING0000000\",\"01NEXTRECORDING00000000000\"]");
            assertThat(json.get("sha256").asText()).isEqualTo(sha256(finished.wav()));
            assertThat(json.get("error").isNull()).isTrue();
            assertThat(finished.metadata()).isEqualTo(MetadataFiles.read(finished.json()));
            assertThat(fixture.agent.openFiles()).isZero();
            assertThat(fixture.agent.activeRecordings()).isZero();
            assertThat(finished.json().resolveSibling(ID + ".json.tmp")).doesNotExist();
        }
    }

    @Test
    void shouldEndTheFileAtTheHangUpEvenWhenTheEndRecordReachesTheRecorderSecondsLater() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            CallScript script = twoLegs(fixture, 50);
            // Hung up at 1 s; the call side was slow to tell the recorder, which wrote on meanwhile.
            script.at(at(2500), () -> fixture.end(KEY, at(1000), "hangup"));
            script.runUntil(at(2510));

            WavFile wav = WavFile.read(fixture.onlyFinished().wav()).assertConsistent();
            assertThat(wav.frames()).isEqualTo(8000);
            assertThat(wav.left(7999)).isEqualTo(G711.ULAW_TO_LINEAR[0x81 + 49]);
            assertThat(fixture.onlyFinished().metadata().durationMs()).isEqualTo(1000);
            assertThat(fixture.onlyFinished().metadata().sha256()).isEqualTo(sha256Quietly(fixture.onlyFinished().wav()));
        }
    }

    @Test
    void shouldDecodeEachPacketByItsPayloadTypeNotTheNegotiatedCodec() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            Random random = new Random(1);
            RtpLeg alawCaller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMA, random);
            RtpLeg ulawCallee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
            CallScript script = new CallScript(fixture, KEY);
            for (int k = 0; k < 10; k++) {
                script.packet(alawCaller, k, at(20L * (k + 1)), filled(0xAA));
                script.packet(ulawCallee, k, at(20L * (k + 1)), filled(0x00));
            }
            script.at(at(200), () -> fixture.end(KEY, at(200), "hangup"));
            script.runUntil(at(210));

            WavFile wav = WavFile.read(fixture.onlyFinished().wav()).assertConsistent();
            assertThat(wav.frames()).isEqualTo(1600);
            for (int frame = 0; frame < 1600; frame++) {
                assertThat(wav.left(frame)).isEqualTo((short) 32256);
                assertThat(wav.right(frame)).isEqualTo((short) -32124);
            }
        }
    }

    @Test
    void shouldWriteALawFileForALawCallerTranscodingTheMuLawCallee() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.G711, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMA", "PCMU");
            Random random = new Random(2);
            RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMA, random);
            RtpLeg callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
            CallScript script = new CallScript(fixture, KEY);
            for (int k = 0; k < 10; k++) {
                script.packet(caller, k, at(20L * (k + 1)), filled(0x2A + k));
                if (k >= 5) {
                    script.packet(callee, k, at(20L * (k + 1)), filled(0x80));
                }
            }
            script.at(at(200), () -> fixture.end(KEY, at(200), "hangup"));
            script.runUntil(at(210));

            WavFile wav = WavFile.read(fixture.onlyFinished().wav()).assertConsistent();
            assertThat(wav.formatTag()).isEqualTo(6);
            assertThat(fixture.onlyFinished().metadata().codec()).isEqualTo("PCMA/PCMU");
            for (int frame = 0; frame < 1600; frame++) {
                assertThat(wav.leftByte(frame)).as("caller passes through").isEqualTo(0x2A + frame / SAMPLES);
                // Before the callee's first packet: A-law silence (0xD5), not byte 0 (a loud negative sample).
                int calleeCode = frame < 800 ? 0xD5 : 0xAA;
                assertThat(wav.rightByte(frame)).as("callee frame %d", frame).isEqualTo(calleeCode);
            }
        }
    }

    @Test
    void shouldIgnoreTelephoneEventsAndComfortNoiseAsAudio() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            Random random = new Random(3);
            RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
            RtpLeg events = new RtpLeg(CHANNEL_CALLER, 101, random);
            RtpLeg comfortNoise = new RtpLeg(CHANNEL_CALLEE, 13, random);
            CallScript script = new CallScript(fixture, KEY);
            for (int k = 0; k < 10; k++) {
                script.packet(k < 5 ? caller : events, k, at(20L * (k + 1)), filled(0x80));
                script.packet(comfortNoise, k, at(20L * (k + 1)), new byte[] {40});
            }
            script.at(at(200), () -> fixture.end(KEY, at(200), "hangup"));
            script.runUntil(at(210));

            WavFile wav = WavFile.read(fixture.onlyFinished().wav()).assertConsistent();
            assertThat(wav.left(799)).isEqualTo((short) 32124);
            for (int frame = 800; frame < 1600; frame++) {
                assertThat(wav.left(frame)).isZero();
            }
            for (int frame = 0; frame < 1600; frame++) {
                assertThat(wav.right(frame)).isZero();
            }
            assertThat(fixture.agent.counters().nonAudioPackets()).isEqualTo(15);
            assertThat(fixture.agent.counters().packetsWritten()).isEqualTo(5);
        }
    }

    @Test
    void shouldCountAndIgnoreRecordsForUnknownSessionsAndKeepTheNextRecordsBodies() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            RtpLeg stranger = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, new Random(4));
            stranger.send(fixture, 999, 0, at(20), filled(0x80));
            fixture.state(999, at(30), STATE_PAUSED, "recording", "paused");
            fixture.end(999, at(40), "hangup");
            fixture.clock(at(40));
            fixture.work();

            assertThat(fixture.agent.counters().unknownSessionRecords()).isEqualTo(3);
            assertThat(fixture.agent.activeRecordings()).isEqualTo(1);
            assertThat(fixture.finished).isEmpty();

            // the ignored records took their bodies: the known session's END gets its own
            fixture.end(KEY, at(50), "hangup");
            fixture.clock(at(50));
            fixture.drain();
            assertThat(fixture.onlyFinished().metadata().endReason()).isEqualTo("hangup");
            assertThat(fixture.agent.counters().malformedRecords()).isZero();
        }
    }

    @Test
    void shouldFinaliseOpenRecordingsWithAllTheirAudioOnClose() throws Exception {
        RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP);
        fixture.start(KEY, ID, "PCMU", "PCMU");
        twoLegs(fixture, 50).runUntil(at(1000));

        fixture.closeAgent();

        RecorderFixture.Finished finished = fixture.onlyFinished();
        assertThat(finished.metadata().endReason()).isEqualTo("error");
        assertThat(finished.metadata().error()).isEqualTo("shutdown");
        WavFile wav = WavFile.read(finished.wav()).assertConsistent();
        assertThat(wav.frames()).as("up to the close, jitter window included").isEqualTo(8000);
        assertThat(wav.left(7999)).isEqualTo(G711.ULAW_TO_LINEAR[0xB2]);
        assertThat(MetadataFiles.read(finished.json()).error()).isEqualTo("shutdown");
        assertThat(fixture.agent.openFiles()).isZero();
        assertThat(fixture.agent.activeRecordings()).isZero();
    }

    @Test
    void shouldNeverOverwriteAnExistingRecordingWithTheSameId() throws Exception {
        Path existing = dir.resolve("2024/03/05/" + ID + ".wav");
        Files.createDirectories(existing.getParent());
        Files.write(existing, new byte[] {1, 2, 3});
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            fixture.end(KEY, at(100), "hangup");
            fixture.clock(at(100));
            fixture.work();

            assertThat(Files.readAllBytes(existing)).containsExactly(1, 2, 3);
            assertThat(fixture.jsonOf(ID)).doesNotExist();
            assertThat(fixture.onlyFinished().metadata().endReason()).isEqualTo("error");
            assertThat(fixture.onlyFinished().metadata().error()).contains("file already exists");
            assertThat(fixture.agent.openFiles()).isZero();
        }
    }

    /** Both legs, packets 0..count-1 at (k + 1) * 20 ms, code 0x81 + k % 100. */
    private static CallScript twoLegs(RecorderFixture fixture, int count) {
        return twoLegs(fixture, count, count);
    }

    /** Both legs on time from the start, 20 ms packets; the callee stops after {@code calleeCount}. */
    private static CallScript twoLegs(RecorderFixture fixture, int callerCount, int calleeCount) {
        Random random = new Random(5);
        RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
        RtpLeg callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
        CallScript script = new CallScript(fixture, KEY);
        for (int k = 0; k < callerCount; k++) {
            script.packet(caller, k, at(20L * (k + 1)), filled(0x81 + k % 100));
            if (k < calleeCount) {
                script.packet(callee, k, at(20L * (k + 1)), filled(0x81 + k % 100));
            }
        }
        return script;
    }

    private static String sha256Quietly(Path file) {
        try {
            return sha256(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
