package io.sotto.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToneAudioTest {

    @Test
    void shouldMakeOneByteOfG711PerSampleForEveryTone() {
        byte[] ulaw = ToneAudio.toneSequenceUlaw(ToneAudio.CALLER_TONES, 1.0, 0.3);
        byte[] alaw = ToneAudio.toneSequenceAlaw(ToneAudio.CALLEE_TONES, 0.5, 0.3);

        assertThat(ulaw).hasSize(6 * 8000);
        assertThat(alaw).hasSize(6 * 4000);
    }

    @Test
    void shouldPeakAtTheRequestedAmplitude() {
        short[] pcm = ToneAudio.toneSequencePcm(new double[] {1000}, 0.1, 0.5);

        int peak = 0;
        for (short sample : pcm) {
            peak = Math.max(peak, Math.abs(sample));
        }
        assertThat(peak).isBetween((int) (0.49 * Short.MAX_VALUE), (int) (0.5 * Short.MAX_VALUE) + 1);
    }

    @Test
    void shouldFadeEachToneInAndOutSoJoinsDoNotClick() {
        short[] pcm = ToneAudio.toneSequencePcm(new double[] {400, 500}, 1.0, 0.3);

        assertThat(pcm[0]).isZero();
        assertThat(Math.abs(pcm[7999])).isLessThan(50);
        assertThat(Math.abs(pcm[8000])).isZero();
        assertThat(ToneAnalyzer.energyRms(pcm, 2000, 4000)).isGreaterThan(0.3 * Short.MAX_VALUE / Math.sqrt(2) * 0.99);
    }

    @Test
    void shouldDecodeToTheSameToneInBothLaws() {
        byte[] ulaw = ToneAudio.toneSequenceUlaw(new double[] {700}, 0.2, 0.3);
        byte[] alaw = ToneAudio.toneSequenceAlaw(new double[] {700}, 0.2, 0.3);
        short[] fromUlaw = new short[ulaw.length];
        short[] fromAlaw = new short[alaw.length];
        for (int i = 0; i < ulaw.length; i++) {
            fromUlaw[i] = G711.ulawToLinear(ulaw[i]);
            fromAlaw[i] = G711.alawToLinear(alaw[i]);
        }

        assertThat(ToneAnalyzer.dominantFrequency(fromUlaw, 0, fromUlaw.length, ToneAudio.CALLER_TONES)).isEqualTo(700);
        assertThat(ToneAnalyzer.dominantFrequency(fromAlaw, 0, fromAlaw.length, ToneAudio.CALLER_TONES)).isEqualTo(700);
    }

    @Test
    void shouldRejectAnAmplitudeOutsideFullScale() {
        assertThatThrownBy(() -> ToneAudio.toneSequenceUlaw(ToneAudio.CALLER_TONES, 1.0, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToneAudio.toneSequenceUlaw(ToneAudio.CALLER_TONES, 1.0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteRawBytesIntoANewDirectory(@TempDir Path dir) throws IOException {
        byte[] data = ToneAudio.callerTonesUlaw();

        Path file = ToneAudio.writeRaw(dir.resolve("audio"), "caller.ulaw", data);

        assertThat(Files.readAllBytes(file)).isEqualTo(data);
    }

    @Test
    void shouldBeWhatTheSippScenariosStream() throws IOException {
        assertThat(Files.readAllBytes(Scenarios.audio(ToneAudio.CALLER_FILE)))
                .as("sipp-scenarios/audio/%s is stale: regenerate it (see ToneAudio)", ToneAudio.CALLER_FILE)
                .isEqualTo(ToneAudio.callerTonesUlaw());
        assertThat(Files.readAllBytes(Scenarios.audio(ToneAudio.CALLEE_FILE)))
                .as("sipp-scenarios/audio/%s is stale: regenerate it (see ToneAudio)", ToneAudio.CALLEE_FILE)
                .isEqualTo(ToneAudio.calleeTonesUlaw());
    }
}
