package io.sotto.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds which of a few known tones is playing where in 8 kHz linear audio, with the Goertzel
 * algorithm (one DFT bin per candidate frequency). Built for {@link ToneAudio}'s sequences: tones
 * 100 Hz apart, so a window of a multiple of 80 samples (10 ms) holds whole periods of every
 * candidate and one tone leaks nothing into another's bin.
 *
 * <p>A window counts as a tone only when that candidate carries at least {@link #MIN_TONE_SHARE}
 * of the window's energy; a window straddling two tones, noise, or a mix of both parties is
 * {@link Segment#UNCLEAR}. A window quieter than {@link #SILENCE_RMS} is silence.
 */
public final class ToneAnalyzer {
    public static final int SAMPLE_RATE = ToneAudio.SAMPLE_RATE;
    /** About -50 dBFS: G.711 idle codes decode to 0 (μ-law) or ±8 (A-law), speech is far louder. */
    public static final double SILENCE_RMS = 100.0;
    /**
     * A clean tone carries nearly all of a window's energy; two equal tones carry half each,
     * and a window that is a fraction f tone and the rest silence carries f.
     */
    public static final double MIN_TONE_SHARE = 0.8;

    private ToneAnalyzer() {
    }

    /**
     * The candidate that carries most of the window's energy, or {@code NaN} when the window is
     * silent or no candidate carries {@link #MIN_TONE_SHARE} of it.
     */
    public static double dominantFrequency(short[] samples, int from, int length, double[] candidates) {
        checkWindow(samples, from, length);
        double rms = energyRms(samples, from, length);
        if (rms < SILENCE_RMS) {
            return Double.NaN;
        }
        double best = Double.NaN;
        double bestPower = -1;
        for (double candidate : candidates) {
            double power = goertzelPower(samples, from, length, candidate);
            if (power > bestPower) {
                bestPower = power;
                best = candidate;
            }
        }
        // A sine of amplitude A over N samples gives power (A N / 2)^2 and mean square A^2 / 2.
        double toneAmplitude = 2 * Math.sqrt(bestPower) / length;
        double share = (toneAmplitude * toneAmplitude / 2) / (rms * rms);
        return share >= MIN_TONE_SHARE ? best : Double.NaN;
    }

    public static double energyRms(short[] samples, int from, int length) {
        checkWindow(samples, from, length);
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / length);
    }

    public static boolean isSilent(short[] samples, int from, int length) {
        return energyRms(samples, from, length) < SILENCE_RMS;
    }

    /**
     * Cuts {@code samples} into windows of {@code windowSamples} (a trailing part window is left
     * out), classifies each as silence, one candidate tone or unclear, and merges neighbours with
     * the same class into runs, in order. A run's edges are accurate to one window.
     */
    public static List<Segment> toneRuns(short[] samples, int windowSamples, double[] candidates) {
        if (windowSamples <= 0) {
            throw new IllegalArgumentException("window of " + windowSamples + " samples");
        }
        List<Segment> runs = new ArrayList<>();
        double current = Double.NaN;
        int start = 0;
        int windows = samples.length / windowSamples;
        for (int w = 0; w < windows; w++) {
            int from = w * windowSamples;
            double kind = isSilent(samples, from, windowSamples)
                    ? Segment.SILENCE
                    : dominantFrequency(samples, from, windowSamples, candidates);
            if (w == 0) {
                current = kind;
            } else if (Double.compare(kind, current) != 0) {
                runs.add(new Segment(current, start, from));
                current = kind;
                start = from;
            }
        }
        if (windows > 0) {
            runs.add(new Segment(current, start, windows * windowSamples));
        }
        return runs;
    }

    private static double goertzelPower(short[] samples, int from, int length, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / SAMPLE_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = from; i < from + length; i++) {
            double current = samples[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }

    private static void checkWindow(short[] samples, int from, int length) {
        if (length <= 0 || from < 0 || from + length > samples.length) {
            throw new IllegalArgumentException("window [" + from + ", " + (from + length) + ") of "
                    + samples.length + " samples");
        }
    }

    /**
     * A stretch of audio of one kind: a tone at {@code frequencyHz}, {@link #SILENCE} (0) or
     * {@link #UNCLEAR} (NaN); samples {@code [startSample, endSample)}.
     */
    public record Segment(double frequencyHz, int startSample, int endSample) {
        public static final double SILENCE = 0.0;
        public static final double UNCLEAR = Double.NaN;

        public boolean isSilence() {
            return frequencyHz == SILENCE;
        }

        public boolean isTone() {
            return !Double.isNaN(frequencyHz) && frequencyHz != SILENCE;
        }

        public int lengthSamples() {
            return endSample - startSample;
        }

        public double startSeconds() {
            return (double) startSample / SAMPLE_RATE;
        }

        public double endSeconds() {
            return (double) endSample / SAMPLE_RATE;
        }
    }
}
