package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.tritonus.share.sampled.TConversionTool;

import io.sotto.testkit.phone.ToneDetector;

/** The precomputed tone tables: lengths, frequencies in order, and the same tone in both G.711 laws. */
class FeedbackToneTest {
    /** 150 ms beeps; the analysis skips the 5 ms fades and looks at 100 ms inside each beep. */
    private static final int BEEP = 1200;
    private static final int INSIDE = 200;
    private static final int WINDOW = 800;

    @Test
    void resumedIsTwoRisingBeeps() {
        short[] tone = decodedUlaw(FeedbackTone.RESUMED);

        assertThat(tone).hasSize(8000 * 350 / 1000);
        assertThat(ToneDetector.energyShare(tone, INSIDE, WINDOW, 1000)).isGreaterThan(0.9);
        assertThat(ToneDetector.energyShare(tone, 1600 + INSIDE, WINDOW, 1250)).isGreaterThan(0.9);
        assertThat(silent(tone, BEEP + 40, 1600 - 40)).as("the 50 ms gap").isTrue();
    }

    @Test
    void pausedIsTwoFallingBeeps() {
        short[] tone = decodedUlaw(FeedbackTone.PAUSED);

        assertThat(ToneDetector.energyShare(tone, INSIDE, WINDOW, 1250)).isGreaterThan(0.9);
        assertThat(ToneDetector.energyShare(tone, 1600 + INSIDE, WINDOW, 1000)).isGreaterThan(0.9);
    }

    @Test
    void refusedIsHalfASecondOfALowTone() {
        short[] tone = decodedUlaw(FeedbackTone.REFUSED);

        assertThat(tone).hasSize(4000);
        assertThat(ToneDetector.energyShare(tone, 100, 3800, 330)).isGreaterThan(0.9);
    }

    @Test
    void pauseExpiringIsThreeHighBeeps() {
        short[] tone = decodedUlaw(FeedbackTone.PAUSE_EXPIRING);

        assertThat(tone).hasSize(8000 * 650 / 1000);
        for (int beep = 0; beep < 3; beep++) {
            assertThat(ToneDetector.energyShare(tone, beep * 2000 + INSIDE, WINDOW, 2200)).isGreaterThan(0.9);
        }
        assertThat(silent(tone, BEEP + 40, 2000 - 40)).isTrue();
        assertThat(silent(tone, 2000 + BEEP + 40, 4000 - 40)).isTrue();
    }

    @Test
    void encodesEachToneInTheLawOfThePayloadTypeAndNothingElse() {
        for (FeedbackTone tone : FeedbackTone.values()) {
            short[] linear = tone.linear();
            byte[] ulaw = tone.encodedFor(FeedbackTone.PT_PCMU);
            byte[] alaw = tone.encodedFor(FeedbackTone.PT_PCMA);
            for (int i = 0; i < linear.length; i++) {
                assertThat(ulaw[i]).isEqualTo(TConversionTool.linear2ulaw(linear[i]));
                assertThat(alaw[i]).isEqualTo(TConversionTool.linear2alaw(linear[i]));
            }
            assertThat(tone.encodedFor(101)).as("telephone-event").isNull();
            assertThat(tone.encodedFor(13)).as("comfort noise").isNull();
        }
    }

    @Test
    void startsAndEndsEachBeepWithoutAClick() {
        for (FeedbackTone tone : FeedbackTone.values()) {
            short[] linear = tone.linear();
            assertThat(Math.abs(linear[0])).isZero();
            assertThat(Math.abs(linear[1])).isLessThan(200);
            assertThat(Math.abs(linear[linear.length - 1])).isLessThan(200);
            int peak = Arrays.stream(toInts(linear)).map(Math::abs).max().orElseThrow();
            assertThat(peak).isBetween(7000, FeedbackTone.AMPLITUDE);
        }
    }

    private static short[] decodedUlaw(FeedbackTone tone) {
        byte[] ulaw = tone.encodedFor(FeedbackTone.PT_PCMU);
        short[] linear = new short[ulaw.length];
        for (int i = 0; i < ulaw.length; i++) {
            linear[i] = TConversionTool.ulaw2linear(ulaw[i]);
        }
        return linear;
    }

    private static boolean silent(short[] samples, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Math.abs(samples[i]) > 8) {
                return false;
            }
        }
        return true;
    }

    private static int[] toInts(short[] samples) {
        int[] ints = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            ints[i] = samples[i];
        }
        return ints;
    }
}
