package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.fork.ForkDescriptor.STATE_PAUSED;
import static io.sotto.fork.ForkDescriptor.STATE_RECORDING;
import static io.sotto.recorder.RecorderFixture.at;
import static io.sotto.recorder.RtpLeg.SAMPLES;
import static io.sotto.recorder.RtpLeg.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;

/**
 * Both channels share one timeline whatever the RTP streams do: random bases, a late leg, loss,
 * silence suppression, timestamp jumps, a new SSRC, jitter and late packets (README, "Recordings on
 * disk"; docs/recording.md, "The timeline is the sender's RTP clock").
 */
class RecorderAlignmentTest {
    private static final long KEY = 7;
    private static final String ID = "ALIGNMENT";
    /** Never a normal packet's code: a loud μ-law sample whose place in the file is checked. */
    private static final int MARKER = 0x80;
    private static final int SILENT = -1;
    /** After the last packet (2980-3000 ms) even with jitter: the file has 50 ms of silence at its end. */
    private static final long END_MS = 3050;

    @TempDir
    Path dir;

    private RecorderFixture fixture;
    private CallScript script;
    private Random random;
    private RtpLeg caller;
    private RtpLeg callee;

    @BeforeEach
    void setUp() {
        fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP);
        fixture.start(KEY, ID, "PCMU", "PCMU");
        script = new CallScript(fixture, KEY);
        random = new Random(20240305);
        caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
        callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** Normal packets carry a distinct non-zero code per packet number (0x81..0xE4). */
    private static int code(int k) {
        return 0x81 + (k % 100);
    }

    /**
     * The caller's media thread held up 60 ms at its first packet (cold code): that packet and the
     * two queued behind it are stamped then, every later one on time; the callee on time throughout.
     */
    private void callerFirstPacketHeldUp60Ms() {
        long heldUntil = arrival(0, 0, false) + 60 * RecorderFixture.MS;
        for (int k = 0; k < 150; k++) {
            long stamped = Math.max(arrival(k, 0, false), heldUntil + k * RecorderFixture.MS / 10);
            script.packet(caller, k, stamped, filled(code(k)));
            script.packet(callee, k, arrival(k, 0, false), filled(code(k)));
        }
    }

    /** Packet {@code k} of a leg that starts {@code offsetMs} into the recording, arriving on time plus jitter. */
    private long arrival(int k, long offsetMs, boolean jitter) {
        long onTime = at(offsetMs + 20L * (k + 1));
        return jitter && k > 0 ? onTime + random.nextInt(15) * RecorderFixture.MS : onTime;
    }

    private WavFile finish(long endMs) {
        script.at(at(endMs), () -> fixture.end(KEY, at(endMs), "hangup"));
        script.runUntil(at(endMs) + 10 * RecorderFixture.MS);
        return WavFile.read(fixture.onlyFinished().wav()).assertConsistent();
    }

    @Test
    void shouldPlaceCalleeStartingOneSecondLaterAtOneSecondWithRandomBasesAndJitter() {
        for (int k = 0; k < 150; k++) {
            script.packet(caller, k, arrival(k, 0, true), filled(code(k)));
        }
        for (int k = 0; k < 100; k++) {
            script.packet(callee, k, arrival(k, 1000, true), filled(code(k)));
        }

        WavFile wav = finish(END_MS);

        assertThat(wav.frames()).isEqualTo(24400);
        assertLeft(wav, 0, 24000, frame -> code(frame / SAMPLES));
        assertLeft(wav, 24000, 24400, frame -> SILENT);
        assertRight(wav, 0, 8000, frame -> SILENT);
        assertRight(wav, 8000, 24000, frame -> code((frame - 8000) / SAMPLES));
        assertThat(fixture.agent.counters().packetsWritten()).isEqualTo(250);
    }

    @Test
    void shouldLeaveLostPacketsAsSilenceWithoutShiftingEitherChannel() {
        for (int k = 0; k < 150; k++) {
            int payload = k == 100 ? MARKER : code(k);
            if (k < 50 || k > 54) {
                script.packet(caller, k, arrival(k, 0, true), filled(payload));
            }
            script.packet(callee, k, arrival(k, 0, true), filled(payload));
        }

        WavFile wav = finish(END_MS);

        assertLeft(wav, 0, 8000, frame -> code(frame / SAMPLES));
        assertLeft(wav, 8000, 8800, frame -> SILENT);
        assertLeft(wav, 8800, 16000, frame -> code(frame / SAMPLES));
        assertThat(wav.left(16000)).isEqualTo(decoded(MARKER));
        assertThat(wav.right(16000)).isEqualTo(decoded(MARKER));
        assertThat(wav.left(15999)).isNotEqualTo(decoded(MARKER));
        assertThat(wav.right(15999)).isNotEqualTo(decoded(MARKER));
        assertLeft(wav, 16160, 24000, frame -> code(frame / SAMPLES));
        assertRight(wav, 0, 16000, frame -> code(frame / SAMPLES));
    }

    @Test
    void shouldMoveAStreamWhoseFirstPacketCameLateToItsPlaceWithoutASeam() {
        // The caller's first 500 ms, some of them written already, move back 60 ms whole; nothing of
        // it is cut or left out of place.
        callerFirstPacketHeldUp60Ms();

        WavFile wav = finish(END_MS);

        assertLeft(wav, 0, 24000, frame -> code(frame / SAMPLES));
        assertRight(wav, 0, 24000, frame -> code(frame / SAMPLES));
    }

    @Test
    void shouldLeaveAStreamWhoseFirstWindowEndsWhilePausedWhereItWasAndKeepThePauseOutOfTheFile() {
        // As above, but paused from 300 to 700 ms (cut from the file): the first window ends in the
        // pause, so nothing written moves; the caller's first 300 ms stay 60 ms late and from the
        // resume on its audio is in its place. No audio of the paused stretch reaches the file.
        script.at(at(300), () -> fixture.state(KEY, at(300), STATE_PAUSED, "recording", "paused"));
        script.at(at(700), () -> fixture.state(KEY, at(700), STATE_RECORDING, "paused", "recording"));
        callerFirstPacketHeldUp60Ms();

        WavFile wav = finish(END_MS);

        int cut = 3200;
        assertThat(wav.frames()).isEqualTo(24400 - cut);
        assertLeft(wav, 0, 480, frame -> SILENT);
        assertLeft(wav, 480, 2400, frame -> code((frame - 480) / SAMPLES));
        assertRight(wav, 0, 2240, frame -> code(frame / SAMPLES));
        // the callee's packet of 280-300 ms reaches the recorder after the pause: not recorded
        assertRight(wav, 2240, 2400, frame -> SILENT);
        assertLeft(wav, 2400, 24000 - cut, frame -> code((frame + cut) / SAMPLES));
        assertRight(wav, 2400, 24000 - cut, frame -> code((frame + cut) / SAMPLES));
    }

    @Test
    void shouldWaitForASenderThatFellBehindItsClockInsteadOfWritingItsPacketsLate() {
        // From 1 s on the caller's sender runs 400 ms behind its clock (an overloaded SBC or SIPp),
        // still one packet every 20 ms: the writing waits for it, so none of its packets is late.
        for (int k = 0; k < 150; k++) {
            long behind = k >= 50 ? 400 * RecorderFixture.MS : 0;
            script.packet(caller, k, arrival(k, 0, false) + behind, filled(code(k)));
            script.packet(callee, k, arrival(k, 0, false), filled(code(k)));
        }

        WavFile wav = finish(3450);

        assertThat(fixture.agent.counters().latePacketsWritten()).isZero();
        assertLeft(wav, 0, 24000, frame -> code(frame / SAMPLES));
        assertRight(wav, 0, 24000, frame -> code(frame / SAMPLES));
    }

    @Test
    void shouldRecordAHoldOfBothSidesAsSilenceNotAsOlderAudioLeftInTheMix() {
        // Both sides stop for 2 s (a hold) and go on with their clocks. After their first packets
        // the network delays every packet 60 ms more, so each arrives 60 ms after its place: the
        // writing, held back to the streams' places until a second after their last arrival, is
        // then due 1.06 s at once, more than the mix's room ahead, whose slots past it still held
        // audio of two seconds before (SippThroughSottoTest's hold had 100 ms of it).
        for (int k = 0; k < 300; k++) {
            if (k < 150 || k >= 250) {
                long stamped = arrival(k, 0, false) + (k == 0 ? 0 : 60 * RecorderFixture.MS);
                script.packet(caller, k, stamped, filled(code(k)));
                script.packet(callee, k, stamped, filled(code(k)));
            }
        }

        WavFile wav = finish(6050);

        // the 60 ms reads as a slow clock too: each 2 s the streams move up to 2 ms later
        assertLeft(wav, 24200, 39800, frame -> SILENT);
        assertRight(wav, 24200, 39800, frame -> SILENT);
    }

    @Test
    void shouldKeepSilenceSuppressionGapWhenTimestampAdvancedWithTheClock() {
        for (int k = 0; k < 150; k++) {
            boolean suppressed = k >= 50 && k < 100;
            if (k == 100) {
                int packet = k;
                long arrival = arrival(k, 0, false);
                script.at(arrival, () -> caller.sendMarked(fixture, KEY, packet, arrival, filled(MARKER)));
            } else if (!suppressed) {
                script.packet(caller, k, arrival(k, 0, true), filled(code(k)));
            }
            script.packet(callee, k, arrival(k, 0, true), filled(k == 100 ? MARKER : code(k)));
        }

        WavFile wav = finish(END_MS);

        assertLeft(wav, 0, 8000, frame -> code(frame / SAMPLES));
        assertLeft(wav, 8000, 16000, frame -> SILENT);
        assertThat(wav.left(16000)).isEqualTo(wav.right(16000)).isEqualTo(decoded(MARKER));
        assertLeft(wav, 16160, 24000, frame -> code(frame / SAMPLES));
    }

    @Test
    void shouldReanchorOnTimestampJumpAtArrivalTime() {
        for (int k = 0; k < 150; k++) {
            if (k < 50) {
                script.packet(caller, k, arrival(k, 0, true), filled(code(k)));
            } else if (k >= 75) {
                // The sender restarted its timestamps after a gap (same SSRC): only arrival time is left.
                int packet = k;
                long arrival = arrival(k, 0, packet != 75);
                script.at(arrival, () -> caller.sendRaw(fixture, KEY, 1_000_000 + SAMPLES * packet,
                        caller.sequence(packet), arrival, filled(packet == 100 ? MARKER : code(packet))));
            }
            script.packet(callee, k, arrival(k, 0, true), filled(k == 100 ? MARKER : code(k)));
        }

        WavFile wav = finish(END_MS);

        assertLeft(wav, 0, 8000, frame -> code(frame / SAMPLES));
        assertLeft(wav, 8000, 12000, frame -> SILENT);
        assertLeft(wav, 12000, 16000, frame -> code(frame / SAMPLES));
        assertThat(wav.left(16000)).isEqualTo(wav.right(16000)).isEqualTo(decoded(MARKER));
        assertLeft(wav, 16160, 24000, frame -> code(frame / SAMPLES));
    }

    @Test
    void shouldReanchorOnSsrcChangeMidStream() {
        for (int k = 0; k < 150; k++) {
            if (k == 100) {
                int packet = k;
                script.at(arrival(k, 0, false) - 1, () -> caller.newSource(packet));
            }
            script.packet(caller, k, arrival(k, 0, k != 100), filled(k == 100 ? MARKER : code(k)));
            script.packet(callee, k, arrival(k, 0, true), filled(k == 100 ? MARKER : code(k)));
        }

        WavFile wav = finish(END_MS);

        assertLeft(wav, 0, 16000, frame -> code(frame / SAMPLES));
        assertThat(wav.left(16000)).isEqualTo(wav.right(16000)).isEqualTo(decoded(MARKER));
        assertLeft(wav, 16160, 24000, frame -> code(frame / SAMPLES));
        assertRight(wav, 16160, 24000, frame -> code(frame / SAMPLES));
    }

    @Test
    void shouldWriteAPacketArrivingAfterItsPlaceWasWrittenIntoTheFileAtItsPlace() {
        for (int k = 0; k < 150; k++) {
            if (k != 30) {
                script.packet(caller, k, arrival(k, 0, true), filled(code(k)));
            }
            script.packet(callee, k, arrival(k, 0, true), filled(code(k)));
        }
        // Packet 30 belongs at 600-620 ms; it turns up at 1.5 s, long after that was written.
        script.packet(caller, 30, at(1500), filled(MARKER));

        WavFile wav = finish(END_MS);

        assertThat(fixture.agent.counters().latePacketsWritten()).isEqualTo(1);
        assertThat(fixture.agent.counters().latePacketsDropped()).isZero();
        assertLeft(wav, 0, 4800, frame -> code(frame / SAMPLES));
        assertLeft(wav, 4800, 4960, frame -> MARKER);
        assertLeft(wav, 4960, 24000, frame -> code(frame / SAMPLES));
        assertRight(wav, 0, 24000, frame -> code(frame / SAMPLES));
    }

    @Test
    void shouldDropAndCountAPacketOlderThanTheHorizon() {
        for (int k = 0; k < 150; k++) {
            if (k != 30) {
                script.packet(caller, k, arrival(k, 0, true), filled(code(k)));
            }
            script.packet(callee, k, arrival(k, 0, true), filled(code(k)));
        }
        for (int k = 150; k < 600; k++) {
            script.packet(caller, k, arrival(k, 0, false), filled(code(k)));
            script.packet(callee, k, arrival(k, 0, false), filled(code(k)));
        }
        // Packet 30 (600-620 ms) turns up 11 s into the call: more than 10 s after its place.
        script.packet(caller, 30, at(11_000), filled(MARKER));

        WavFile wav = finish(12_050);

        assertThat(fixture.agent.counters().latePacketsDropped()).isEqualTo(1);
        assertThat(fixture.agent.counters().latePacketsWritten()).isZero();
        assertLeft(wav, 4800, 4960, frame -> SILENT);
        assertLeft(wav, 4960, 96000, frame -> code(frame / SAMPLES));
    }

    @Test
    void shouldKeepEverySecondOfBothChannelsInPlaceWhenOneSenderStallsThenBursts() {
        for (int k = 0; k < 250; k++) {
            // The caller stalls from 1 s to 2.5 s, then sends the 75 held packets at once.
            long arrival = k >= 50 && k < 125 ? at(2500) : arrival(k, 0, true);
            script.packet(caller, k, arrival, filled(k == 100 ? MARKER : code(k)));
            script.packet(callee, k, arrival(k, 0, true), filled(k == 100 ? MARKER : code(k)));
        }

        WavFile wav = finish(5050);

        assertLeft(wav, 0, 40000, frame -> frame / SAMPLES == 100 ? MARKER : code(frame / SAMPLES));
        assertRight(wav, 0, 40000, frame -> frame / SAMPLES == 100 ? MARKER : code(frame / SAMPLES));
        assertThat(fixture.agent.counters().latePacketsWritten()).isGreaterThan(50);
        assertThat(fixture.agent.counters().latePacketsDropped()).isZero();
        assertThat(fixture.agent.counters().packetsWritten()).isEqualTo(500);
    }

    @Test
    void shouldKeepAStalledStreamInPlaceInG711Too() {
        fixture.close();
        fixture = new RecorderFixture(dir.resolve("g711"), RecordingFormat.G711, PauseBehavior.SKIP);
        fixture.start(KEY, ID, "PCMU", "PCMU");
        script = new CallScript(fixture, KEY);
        for (int k = 0; k < 150; k++) {
            long arrival = k >= 20 && k < 100 ? at(2020) : arrival(k, 0, false);
            script.packet(caller, k, arrival, filled(code(k)));
            script.packet(callee, k, arrival(k, 0, false), filled(code(k)));
        }

        WavFile wav = finish(END_MS);

        for (int frame = 0; frame < 24000; frame++) {
            assertThat(wav.leftByte(frame)).as("caller frame %d", frame).isEqualTo(code(frame / SAMPLES));
            assertThat(wav.rightByte(frame)).as("callee frame %d", frame).isEqualTo(code(frame / SAMPLES));
        }
    }

    @Test
    void shouldPlaceReorderedPacketStillInsideTheJitterWindow() {
        for (int k = 0; k < 150; k++) {
            long arrival = arrival(k, 0, false);
            // Packet 60 overtakes nothing: it arrives 50 ms late, after packets 61 and 62.
            script.packet(caller, k, k == 60 ? arrival + 50 * RecorderFixture.MS : arrival, filled(code(k)));
            script.packet(callee, k, arrival, filled(code(k)));
        }

        WavFile wav = finish(END_MS);

        assertThat(fixture.agent.counters().latePacketsDropped()).isZero();
        assertLeft(wav, 0, 24000, frame -> code(frame / SAMPLES));
        assertRight(wav, 0, 24000, frame -> code(frame / SAMPLES));
    }

    private static short decoded(int code) {
        return G711.ULAW_TO_LINEAR[code];
    }

    private static void assertLeft(WavFile wav, int from, int to, IntUnaryOperator codeAt) {
        assertChannel(wav, true, from, to, codeAt);
    }

    private static void assertRight(WavFile wav, int from, int to, IntUnaryOperator codeAt) {
        assertChannel(wav, false, from, to, codeAt);
    }

    private static void assertChannel(WavFile wav, boolean left, int from, int to, IntUnaryOperator codeAt) {
        for (int frame = from; frame < to; frame++) {
            int code = codeAt.applyAsInt(frame);
            short expected = code == SILENT ? 0 : decoded(code);
            short actual = left ? wav.left(frame) : wav.right(frame);
            if (actual != expected) {
                throw new AssertionError((left ? "caller" : "callee") + " frame " + frame + ": expected " + expected
                        + " but was " + actual);
            }
        }
    }
}
