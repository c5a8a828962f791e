package io.sotto.testkit.phone;

/**
 * Tells whether 8 kHz audio carries a tone, with the Goertzel algorithm: the share of the block's
 * energy that sits at one frequency is near 1 for a clean tone (silence around it does not lower
 * it) and near 0 for a different tone.
 */
public final class ToneDetector {
    public static final int SAMPLE_RATE = 8000;
    /** A tone counts when at least this share of the energy is at its frequency. */
    public static final double MIN_SHARE = 0.5;
    /** Mean square below which a block is silence, whatever its spectrum (about -60 dBFS). */
    private static final double SILENCE_MEAN_SQUARE = 1.0;

    private ToneDetector() {
    }

    /** Share, 0..1, of the energy of {@code samples[from, from+length)} at {@code freqHz}. */
    public static double energyShare(short[] samples, int from, int length, double freqHz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * freqHz / SAMPLE_RATE);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = from; i < from + length; i++) {
            double x = samples[i];
            double s = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += x * x;
        }
        if (length == 0 || energy / length < SILENCE_MEAN_SQUARE) {
            return 0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return Math.min(1.0, power / (energy * length / 2));
    }

    public static double energyShare(short[] samples, double freqHz) {
        return energyShare(samples, 0, samples.length, freqHz);
    }

    public static boolean hasTone(short[] samples, double freqHz) {
        return energyShare(samples, freqHz) >= MIN_SHARE;
    }

    /** Index of the first sample whose magnitude reaches {@code threshold}, or -1 (finds a click). */
    public static int firstPeak(short[] samples, int threshold) {
        for (int i = 0; i < samples.length; i++) {
            if (Math.abs(samples[i]) >= threshold) {
                return i;
            }
        }
        return -1;
    }
}
