package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.fork.ForkDescriptor.STATE_PAUSED;
import static io.sotto.fork.ForkDescriptor.STATE_RECORDING;
import static io.sotto.fork.ForkDescriptor.STATE_STOPPED;
import static io.sotto.recorder.RecorderFixture.MS;
import static io.sotto.recorder.RecorderFixture.at;
import static io.sotto.recorder.RtpLeg.SAMPLES;
import static io.sotto.recorder.RtpLeg.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;
import io.sotto.recorder.RecordingMetadata.Segment;

/**
 * Paused and stopped stretches are cut out or silenced, and nothing either party says while paused
 * reaches the disk (README, "Pausing and resuming"; docs/recording.md, "Pause, stop and late packets").
 * The call: 6 s of 20 ms packets on both legs, paused at 2.01 s, resumed at 4.01 s, ended at 6.05 s;
 * everything that arrives while paused is the "card number".
 */
class RecorderPauseTest {
    private static final long KEY = 11;
    private static final String ID = "PAUSED";
    /** What the customer reads out while paused: must never be found in the file. */
    private static final int SECRET = 0x80;
    private static final long PAUSE_MS = 2010;
    private static final long RESUME_MS = 4010;
    private static final long END_MS = 6050;
    private static final int PAUSE_FRAME = 16080;
    private static final int RESUME_FRAME = 32080;
    private static final int END_FRAME = 48400;

    @TempDir
    Path dir;

    @Test
    void shouldCutPausedStretchFromBothChannelsWithSkip() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            call(fixture, STATE_PAUSED);

            RecorderFixture.Finished finished = fixture.onlyFinished();
            WavFile wav = WavFile.read(finished.wav()).assertConsistent();
            int recordedFrames = PAUSE_FRAME + (END_FRAME - RESUME_FRAME);
            assertThat(wav.frames()).isEqualTo(recordedFrames);
            assertBeforePause(wav);
            for (int frame = PAUSE_FRAME; frame < recordedFrames; frame++) {
                assertAfterResume(wav, frame, frame + (RESUME_FRAME - PAUSE_FRAME));
            }
            assertNoSecret(wav);
            assertThat(finished.metadata().durationMs()).isEqualTo(recordedFrames / 8);
            assertThat(finished.metadata().segments()).containsExactly(
                    new Segment(500, 500 + PAUSE_MS), new Segment(500 + RESUME_MS, 500 + END_MS));
            assertThat(finished.metadata().events()).extracting(event -> event.get("to"))
                    .containsExactly("paused", "recording");
            assertThat(finished.metadata().pauseBehavior()).isEqualTo("skip");
            assertThat(fixture.agent.counters().pausedPacketsDiscarded()).isEqualTo(201);
        }
    }

    @Test
    void shouldKeepPausedStretchAsSilenceWithSilence() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SILENCE)) {
            call(fixture, STATE_PAUSED);

            RecorderFixture.Finished finished = fixture.onlyFinished();
            WavFile wav = WavFile.read(finished.wav()).assertConsistent();
            assertThat(wav.frames()).isEqualTo(END_FRAME);
            assertBeforePause(wav);
            for (int frame = PAUSE_FRAME; frame < RESUME_FRAME; frame++) {
                assertThat(wav.left(frame)).as("caller frame %d", frame).isZero();
                assertThat(wav.right(frame)).as("callee frame %d", frame).isZero();
            }
            for (int frame = RESUME_FRAME; frame < END_FRAME; frame++) {
                assertAfterResume(wav, frame, frame);
            }
            assertNoSecret(wav);
            assertThat(finished.metadata().durationMs()).isEqualTo(END_FRAME / 8);
            assertThat(finished.metadata().segments()).containsExactly(
                    new Segment(500, 500 + PAUSE_MS), new Segment(500 + RESUME_MS, 500 + END_MS));
            assertThat(finished.metadata().pauseBehavior()).isEqualTo("silence");
        }
    }

    @Test
    void shouldTreatStoppedStretchLikePausedOne() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.G711, PauseBehavior.SKIP)) {
            call(fixture, STATE_STOPPED);

            WavFile wav = WavFile.read(fixture.onlyFinished().wav()).assertConsistent();
            assertThat(wav.frames()).isEqualTo(PAUSE_FRAME + (END_FRAME - RESUME_FRAME));
            for (int frame = 0; frame < wav.frames(); frame++) {
                assertThat(wav.leftByte(frame)).as("caller frame %d", frame).isNotEqualTo(SECRET);
                assertThat(wav.rightByte(frame)).as("callee frame %d", frame).isNotEqualTo(SECRET);
            }
            assertThat(fixture.onlyFinished().metadata().events()).extracting(event -> event.get("to"))
                    .containsExactly("stopped", "recording");
        }
    }

    @Test
    void shouldWriteLateAudioAfterTheResumeAtItsPlaceAndNeverAudioOfThePausedStretchWithSkip() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            stallAcrossTheResume(fixture);

            WavFile wav = WavFile.read(fixture.onlyFinished().wav()).assertConsistent();
            int recordedFrames = PAUSE_FRAME + (END_FRAME - RESUME_FRAME);
            assertThat(wav.frames()).isEqualTo(recordedFrames);
            for (int frame = 0; frame < PAUSE_FRAME; frame++) {
                int k = frame / SAMPLES;
                assertThat(wav.left(frame)).as("caller frame %d", frame).isEqualTo(k == 90 || k >= 100 ? 0 : decoded(code(k)));
            }
            for (int frame = PAUSE_FRAME; frame < recordedFrames; frame++) {
                assertAfterResume(wav, frame, frame + (RESUME_FRAME - PAUSE_FRAME));
            }
            assertNoSecret(wav);
            assertThat(fixture.agent.counters().latePacketsWritten()).isGreaterThan(10);
        }
    }

    @Test
    void shouldWriteLateAudioAfterTheResumeAtItsPlaceAndKeepThePausedStretchSilentWithSilence() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SILENCE)) {
            stallAcrossTheResume(fixture);

            WavFile wav = WavFile.read(fixture.onlyFinished().wav()).assertConsistent();
            assertThat(wav.frames()).isEqualTo(END_FRAME);
            for (int frame = PAUSE_FRAME; frame < RESUME_FRAME; frame++) {
                assertThat(wav.left(frame)).as("caller frame %d", frame).isZero();
                assertThat(wav.right(frame)).as("callee frame %d", frame).isZero();
            }
            for (int frame = RESUME_FRAME; frame < END_FRAME; frame++) {
                assertAfterResume(wav, frame, frame);
            }
            assertThat(wav.left(90 * SAMPLES)).as("held across the whole pause").isZero();
            assertNoSecret(wav);
        }
    }

    /**
     * As {@link #call}, but the caller's packets from 3.5 s to 4.6 s (the card number's last digits,
     * then the first after the resume at 4.01 s) are held up and arrive together at 4.6 s, and its
     * packet 90 (1.8 s, before the pause) arrives only at 4.5 s: written before the pause it would be
     * audio the agent heard after pausing.
     */
    private static void stallAcrossTheResume(RecorderFixture fixture) {
        fixture.start(KEY, ID, "PCMU", "PCMU");
        CallScript script = new CallScript(fixture, KEY);
        Random random = new Random(100);
        RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
        RtpLeg callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
        for (int k = 0; k < 300; k++) {
            long onTime = at(20L * (k + 1));
            boolean whilePaused = onTime > at(PAUSE_MS) && onTime <= at(RESUME_MS);
            int payload = whilePaused ? SECRET : code(k);
            long callerArrival = k == 90 ? at(4500) : onTime >= at(3500) && onTime < at(4600) ? at(4600) : onTime;
            script.packet(caller, k, callerArrival, filled(payload));
            script.packet(callee, k, onTime, filled(payload));
        }
        script.at(at(PAUSE_MS), () -> fixture.state(KEY, at(PAUSE_MS), STATE_PAUSED, "recording", "paused"));
        script.at(at(RESUME_MS), () -> fixture.state(KEY, at(RESUME_MS), STATE_RECORDING, "paused", "recording"));
        script.at(at(END_MS), () -> fixture.end(KEY, at(END_MS), "hangup"));
        script.runUntil(at(END_MS) + 10 * MS);
    }

    /**
     * Both legs send packet k (0..299) at (k + 1) * 20 ms. The caller's packet 99 is held up in the
     * network until after the pause: its place is before the pause, but it came after it in the
     * ring, so it must not be written either.
     */
    private static void call(RecorderFixture fixture, int pauseState) {
        fixture.start(KEY, ID, "PCMU", "PCMU");
        CallScript script = new CallScript(fixture, KEY);
        Random random = new Random(99);
        RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
        RtpLeg callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
        for (int k = 0; k < 300; k++) {
            long arrival = at(20L * (k + 1));
            boolean whilePaused = arrival > at(PAUSE_MS) && arrival <= at(RESUME_MS);
            int payload = whilePaused ? SECRET : code(k);
            script.packet(caller, k, k == 99 ? at(2050) : arrival, filled(k == 99 ? SECRET : payload));
            script.packet(callee, k, arrival, filled(payload));
        }
        String stateName = pauseState == STATE_PAUSED ? "paused" : "stopped";
        script.at(at(PAUSE_MS), () -> fixture.state(KEY, at(PAUSE_MS), pauseState, "recording", stateName));
        script.at(at(RESUME_MS), () -> fixture.state(KEY, at(RESUME_MS), STATE_RECORDING, stateName, "recording"));
        script.at(at(END_MS), () -> fixture.end(KEY, at(END_MS), "hangup"));
        script.runUntil(at(END_MS) + 10 * MS);
    }

    private static int code(int k) {
        return 0x81 + (k % 100);
    }

    private static short decoded(int code) {
        return G711.ULAW_TO_LINEAR[code];
    }

    /** Up to the pause: the audio that came before it, except the caller's held-up packet 99. */
    private static void assertBeforePause(WavFile wav) {
        for (int frame = 0; frame < PAUSE_FRAME; frame++) {
            int k = frame / SAMPLES;
            short callerExpected = k < 99 ? decoded(code(k)) : 0;
            short calleeExpected = k < 100 ? decoded(code(k)) : 0;
            assertThat(wav.left(frame)).as("caller frame %d", frame).isEqualTo(callerExpected);
            assertThat(wav.right(frame)).as("callee frame %d", frame).isEqualTo(calleeExpected);
        }
    }

    /** After the resume: packets from 200 on, at their timeline position. */
    private static void assertAfterResume(WavFile wav, int frame, int timelineFrame) {
        int k = timelineFrame / SAMPLES;
        short expected = k < 300 ? decoded(code(k)) : 0;
        assertThat(wav.left(frame)).as("caller frame %d", frame).isEqualTo(expected);
        assertThat(wav.right(frame)).as("callee frame %d", frame).isEqualTo(expected);
    }

    private static void assertNoSecret(WavFile wav) {
        short secret = decoded(SECRET);
        for (int frame = 0; frame < wav.frames(); frame++) {
            assertThat(wav.left(frame)).as("caller frame %d", frame).isNotEqualTo(secret);
            assertThat(wav.right(frame)).as("callee frame %d", frame).isNotEqualTo(secret);
        }
    }
}
