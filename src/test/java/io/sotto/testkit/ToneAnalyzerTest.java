package io.sotto.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sotto.testkit.ToneAnalyzer.Segment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToneAnalyzerTest {
    private static final double[] BOTH_PARTIES = both();

    @Test
    void shouldMeasureTheRmsOfASine() {
        short[] tone = ToneAudio.toneSequencePcm(new double[] {1000}, 1.0, 0.5);

        assertThat(ToneAnalyzer.energyRms(tone, 400, 4000)).isCloseTo(0.5 * Short.MAX_VALUE / Math.sqrt(2), within(20.0));
    }

    @Test
    void shouldFindTheCandidateThatIsPlaying() {
        short[] tone = ToneAudio.toneSequencePcm(new double[] {1700}, 0.1, 0.3);

        assertThat(ToneAnalyzer.dominantFrequency(tone, 160, 160, BOTH_PARTIES)).isEqualTo(1700);
    }

    @Test
    void shouldCallSilenceSilentAndNameNoTone() {
        short[] silence = new short[800];
        short[] alawIdle = new short[800];
        Arrays.fill(alawIdle, G711.alawToLinear(G711.ALAW_SILENCE));

        assertThat(ToneAnalyzer.isSilent(silence, 0, 800)).isTrue();
        assertThat(ToneAnalyzer.isSilent(alawIdle, 0, 800)).isTrue();
        assertThat(ToneAnalyzer.dominantFrequency(silence, 0, 800, BOTH_PARTIES)).isNaN();
    }

    @Test
    void shouldNameNoToneWhenBothPartiesSoundAtOnce() {
        short[] caller = ToneAudio.toneSequencePcm(new double[] {500}, 0.1, 0.3);
        short[] callee = ToneAudio.toneSequencePcm(new double[] {1500}, 0.1, 0.3);
        short[] mixed = new short[caller.length];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = (short) (caller[i] + callee[i]);
        }

        assertThat(ToneAnalyzer.isSilent(mixed, 80, 160)).isFalse();
        assertThat(ToneAnalyzer.dominantFrequency(mixed, 80, 160, BOTH_PARTIES)).isNaN();
    }

    @Test
    void shouldNameNoToneForAToneThatIsNotACandidate() {
        short[] tone = ToneAudio.toneSequencePcm(new double[] {1150}, 0.1, 0.3);

        assertThat(ToneAnalyzer.dominantFrequency(tone, 0, 800, BOTH_PARTIES)).isNaN();
    }

    @Test
    void shouldSplitASequenceIntoOneRunPerToneWithSilenceBetween() {
        short[] first = ToneAudio.toneSequencePcm(new double[] {400, 500}, 0.5, 0.3);
        short[] samples = new short[first.length + 1600 + 4000];
        System.arraycopy(first, 0, samples, 0, first.length);
        short[] last = ToneAudio.toneSequencePcm(new double[] {1900}, 0.5, 0.3);
        System.arraycopy(last, 0, samples, first.length + 1600, last.length);

        List<Segment> runs = ToneAnalyzer.toneRuns(samples, 160, BOTH_PARTIES);

        assertThat(runs).containsExactly(
                new Segment(400, 0, 4000),
                new Segment(500, 4000, 8000),
                new Segment(Segment.SILENCE, 8000, 9600),
                new Segment(1900, 9600, 13600));
        assertThat(runs.get(2).isSilence()).isTrue();
        assertThat(runs.get(3).isTone()).isTrue();
        assertThat(runs.get(3).startSeconds()).isEqualTo(1.2);
    }

    @Test
    void shouldPlaceTransitionsWithinOneWindowWhenTonesDoNotStartOnAWindowEdge() {
        short[] tones = ToneAudio.toneSequencePcm(new double[] {600, 700, 800}, 1.0, 0.3);
        short[] shifted = new short[tones.length + 70];
        System.arraycopy(tones, 0, shifted, 70, tones.length);

        List<Segment> toneRuns = ToneAnalyzer.toneRuns(shifted, 160, BOTH_PARTIES).stream()
                .filter(Segment::isTone).toList();

        assertThat(toneRuns).extracting(Segment::frequencyHz).containsExactly(600.0, 700.0, 800.0);
        for (int i = 0; i < 3; i++) {
            assertThat(toneRuns.get(i).startSample()).isCloseTo(70 + i * 8000, within(160));
            assertThat(toneRuns.get(i).endSample()).isCloseTo(70 + (i + 1) * 8000, within(160));
        }
    }

    @Test
    void shouldLeaveOutATrailingPartWindow() {
        short[] tone = ToneAudio.toneSequencePcm(new double[] {900}, 0.05, 0.3);

        assertThat(ToneAnalyzer.toneRuns(tone, 160, BOTH_PARTIES)).containsExactly(new Segment(900, 0, 320));
        assertThat(ToneAnalyzer.toneRuns(new short[100], 160, BOTH_PARTIES)).isEmpty();
    }

    private static double[] both() {
        double[] all = Arrays.copyOf(ToneAudio.CALLER_TONES, 12);
        System.arraycopy(ToneAudio.CALLEE_TONES, 0, all, 6, 6);
        return all;
    }
}
