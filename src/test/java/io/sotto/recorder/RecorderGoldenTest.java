package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.recorder.RecorderFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;

/** Whole recordings from known packets compared byte for byte with WAVs made by make-golden.py. */
class RecorderGoldenTest {
    private static final long KEY = 42;

    @TempDir
    Path dir;

    @Test
    void shouldWriteStereoPcm16FileEqualToGolden() throws Exception {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            record(fixture, "GOLDENPCM16");

            Path wav = fixture.onlyFinished().wav();
            assertThat(Files.readAllBytes(wav)).isEqualTo(WavHeaderTest.golden("stereo-pcm16-golden.wav"));
            assertThat(fixture.onlyFinished().metadata().codec()).isEqualTo("PCMU/PCMA");
            assertThat(fixture.onlyFinished().metadata().durationMs()).isEqualTo(100);
        }
    }

    @Test
    void shouldWriteMuLawFileTranscodingTheALawCalleeEqualToGolden() throws Exception {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.G711, PauseBehavior.SKIP)) {
            record(fixture, "GOLDENG711");

            Path wav = fixture.onlyFinished().wav();
            assertThat(Files.readAllBytes(wav)).isEqualTo(WavHeaderTest.golden("stereo-g711-mulaw-golden.wav"));
            assertThat(fixture.onlyFinished().metadata().format()).isEqualTo("g711");
        }
    }

    /** Five 20 ms packets per leg: caller μ-law bytes n % 256, callee A-law bytes (n + 77) % 256. */
    private static void record(RecorderFixture fixture, String recordingId) {
        fixture.start(KEY, recordingId, "PCMU", "PCMA");
        Random random = new Random(7);
        RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
        RtpLeg callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMA, random);
        for (int k = 0; k < 5; k++) {
            long arrival = at((k + 1) * 20L);
            fixture.clock(arrival);
            caller.send(fixture, KEY, k, arrival, bytes(k * 160));
            callee.send(fixture, KEY, k, arrival, bytes(k * 160 + 77));
            fixture.agent.doWork();
        }
        fixture.end(KEY, at(100), "hangup");
        fixture.work();
    }

    private static byte[] bytes(int first) {
        byte[] bytes = new byte[RtpLeg.SAMPLES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }
}
