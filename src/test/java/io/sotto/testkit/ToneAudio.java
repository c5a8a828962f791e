package io.sotto.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Known audio for end-to-end checks: a sequence of pure tones, one per fixed stretch of time, so
 * that a recording can be checked for which party is on which channel and which second of the call
 * landed where. Each tone is a clean sine that starts at phase zero and fades in and out over
 * {@link #FADE_SECONDS}, so the joins carry no clicks that would smear energy into other bins.
 *
 * <p>The SIPp scenarios stream {@code sipp-scenarios/audio/caller-tones.ulaw} and
 * {@code callee-tones.ulaw}; they are exactly {@link #callerTonesUlaw()} and
 * {@link #calleeTonesUlaw()} (a test keeps them equal). Regenerate them from the repository root
 * with {@code java -cp target/test-classes io.sotto.testkit.ToneAudio sipp-scenarios/audio}.
 */
public final class ToneAudio {
    public static final int SAMPLE_RATE = 8000;
    /** The caller's tones, one second each, looped by SIPp: all below 1 kHz. */
    public static final double[] CALLER_TONES = {400, 500, 600, 700, 800, 900};
    /** The callee's tones: all above 1.3 kHz, so no caller tone is ever mistaken for one. */
    public static final double[] CALLEE_TONES = {1400, 1500, 1600, 1700, 1800, 1900};
    public static final double SECONDS_EACH = 1.0;
    /** Peak level as a fraction of 16-bit full scale: about -10 dBFS, well clear of clipping. */
    public static final double AMPLITUDE = 0.3;
    public static final double FADE_SECONDS = 0.005;
    public static final String CALLER_FILE = "caller-tones.ulaw";
    public static final String CALLEE_FILE = "callee-tones.ulaw";

    private ToneAudio() {
    }

    /** Linear 16-bit samples at 8 kHz: each frequency for {@code secondsEach}, in order. */
    public static short[] toneSequencePcm(double[] freqsHz, double secondsEach, double amplitude) {
        if (amplitude <= 0 || amplitude > 1) {
            throw new IllegalArgumentException("amplitude must be in (0, 1], was " + amplitude);
        }
        int perTone = (int) Math.round(secondsEach * SAMPLE_RATE);
        if (perTone <= 0) {
            throw new IllegalArgumentException("secondsEach too short: " + secondsEach);
        }
        int fade = Math.min((int) Math.round(FADE_SECONDS * SAMPLE_RATE), perTone / 2);
        double peak = amplitude * Short.MAX_VALUE;
        short[] samples = new short[perTone * freqsHz.length];
        for (int tone = 0; tone < freqsHz.length; tone++) {
            double step = 2 * Math.PI * freqsHz[tone] / SAMPLE_RATE;
            for (int i = 0; i < perTone; i++) {
                double envelope = fadeGain(i, perTone, fade);
                samples[tone * perTone + i] = (short) Math.round(peak * envelope * Math.sin(step * i));
            }
        }
        return samples;
    }

    /** Raw G.711 μ-law (8 kHz, one byte per sample, no header): what SIPp's rtp_stream plays. */
    public static byte[] toneSequenceUlaw(double[] freqsHz, double secondsEach, double amplitude) {
        short[] pcm = toneSequencePcm(freqsHz, secondsEach, amplitude);
        byte[] codes = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            codes[i] = G711.linearToUlaw(pcm[i]);
        }
        return codes;
    }

    /** Raw G.711 A-law (8 kHz, one byte per sample, no header). */
    public static byte[] toneSequenceAlaw(double[] freqsHz, double secondsEach, double amplitude) {
        short[] pcm = toneSequencePcm(freqsHz, secondsEach, amplitude);
        byte[] codes = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            codes[i] = G711.linearToAlaw(pcm[i]);
        }
        return codes;
    }

    public static byte[] callerTonesUlaw() {
        return toneSequenceUlaw(CALLER_TONES, SECONDS_EACH, AMPLITUDE);
    }

    public static byte[] calleeTonesUlaw() {
        return toneSequenceUlaw(CALLEE_TONES, SECONDS_EACH, AMPLITUDE);
    }

    /** Writes {@code data} as {@code dir/name}, creating {@code dir}; returns the file. */
    public static Path writeRaw(Path dir, String name, byte[] data) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), data);
    }

    /** Writes the caller and callee tone files the SIPp scenarios stream into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ToneAudio <output dir>");
        }
        Path dir = Path.of(args[0]);
        writeRaw(dir, CALLER_FILE, callerTonesUlaw());
        writeRaw(dir, CALLEE_FILE, calleeTonesUlaw());
    }

    /** Raised-cosine ramp over the first and last {@code fade} samples, 1 in between. */
    private static double fadeGain(int i, int length, int fade) {
        int fromEdge = Math.min(i, length - 1 - i);
        if (fade == 0 || fromEdge >= fade) {
            return 1.0;
        }
        return 0.5 - 0.5 * Math.cos(Math.PI * fromEdge / fade);
    }
}
