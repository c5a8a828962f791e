package io.sotto.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known tones written as a stereo WAV the way Sotto records a call, read back and found again. */
class ToneRoundTripTest {
    private static final double[] BOTH_PARTIES = {400, 500, 600, 700, 800, 900, 1400, 1500, 1600, 1700, 1800, 1900};

    @Test
    void shouldFindEachPartysToneEverySecondInAUlawRecording(@TempDir Path dir) throws IOException {
        byte[] wav = WavBytes.g711(WavDescriptor.FORMAT_ULAW, 8000, ToneAudio.callerTonesUlaw(), ToneAudio.calleeTonesUlaw());

        WavFile file = WavFile.read(Files.write(dir.resolve("call.wav"), wav));

        assertThat(file.headerConsistent()).as("%s", file.inconsistencies()).isTrue();
        assertTonesEverySecond(file);
    }

    @Test
    void shouldFindEachPartysToneEverySecondInAnAlawRecording(@TempDir Path dir) throws IOException {
        byte[] caller = ToneAudio.toneSequenceAlaw(ToneAudio.CALLER_TONES, 1.0, ToneAudio.AMPLITUDE);
        byte[] callee = ToneAudio.toneSequenceAlaw(ToneAudio.CALLEE_TONES, 1.0, ToneAudio.AMPLITUDE);

        WavFile file = WavFile.read(Files.write(dir.resolve("call.wav"), WavBytes.g711(WavDescriptor.FORMAT_ALAW, 8000, caller, callee)));

        assertTonesEverySecond(file);
    }

    @Test
    void shouldFindEachPartysToneEverySecondInAPcm16Recording(@TempDir Path dir) throws IOException {
        short[] caller = ToneAudio.toneSequencePcm(ToneAudio.CALLER_TONES, 1.0, ToneAudio.AMPLITUDE);
        short[] callee = ToneAudio.toneSequencePcm(ToneAudio.CALLEE_TONES, 1.0, ToneAudio.AMPLITUDE);

        WavFile file = WavFile.read(Files.write(dir.resolve("call.wav"), WavBytes.pcm16(8000, caller, callee)));

        assertThat(file.formatCode()).isEqualTo(WavDescriptor.FORMAT_PCM);
        assertTonesEverySecond(file);
    }

    private static void assertTonesEverySecond(WavFile file) {
        assertThat(file.sampleRate()).isEqualTo(8000);
        assertThat(file.channels()).isEqualTo(2);
        assertThat(file.frames()).isEqualTo(6 * 8000);
        short[] left = file.channel(0);
        short[] right = file.channel(1);
        for (int second = 0; second < 6; second++) {
            // the middle of each second: clear of the fades at its edges
            int from = second * 8000 + 2000;
            assertThat(ToneAnalyzer.dominantFrequency(left, from, 4000, BOTH_PARTIES))
                    .as("caller (left) in second %d", second).isEqualTo(ToneAudio.CALLER_TONES[second]);
            assertThat(ToneAnalyzer.dominantFrequency(right, from, 4000, BOTH_PARTIES))
                    .as("callee (right) in second %d", second).isEqualTo(ToneAudio.CALLEE_TONES[second]);
        }
        assertThat(ToneAnalyzer.toneRuns(left, 160, BOTH_PARTIES))
                .extracting(ToneAnalyzer.Segment::frequencyHz)
                .containsExactly(400.0, 500.0, 600.0, 700.0, 800.0, 900.0);
    }
}
