package io.sotto.media;

import org.tritonus.share.sampled.TConversionTool;

/**
 * The short tones Sotto plays to an agent's phone to answer a keyed control code (see
 * docs/feedback.md), precomputed once per G.711 law so the media thread only copies bytes.
 *
 * <p>Frequencies sit inside the telephone band (300-3400 Hz) and away from the DTMF row and column
 * tones, so a phone or IVR never reads them as a key. Each beep fades in and out over 5 ms, so it
 * starts and ends without a click.
 */
public enum FeedbackTone {
    /** Two rising beeps: recording resumed (or started). */
    RESUMED(new Beep(Shape.LOW_HZ, 0, Shape.BEEP_MS), new Beep(Shape.HIGH_HZ, Shape.SECOND_BEEP_MS, Shape.BEEP_MS)),
    /** Two falling beeps: recording paused. */
    PAUSED(new Beep(Shape.HIGH_HZ, 0, Shape.BEEP_MS), new Beep(Shape.LOW_HZ, Shape.SECOND_BEEP_MS, Shape.BEEP_MS)),
    /** One low tone: the code was refused (not permitted, or nothing to change). */
    REFUSED(new Beep(Shape.REFUSED_HZ, 0, 500)),
    /** Three high beeps: the pause is about to end by itself ({@code company.max_pause}). */
    PAUSE_EXPIRING(new Beep(Shape.WARNING_HZ, 0, Shape.BEEP_MS), new Beep(Shape.WARNING_HZ, 250, Shape.BEEP_MS),
            new Beep(Shape.WARNING_HZ, 500, Shape.BEEP_MS));

    /** RFC 3551 §4.5.14: G.711 is sampled at 8000 Hz, one byte per sample. */
    public static final int SAMPLE_RATE = 8000;
    /** RFC 3551 §6 table 4: the static payload types of the two laws. */
    public static final int PT_PCMU = 0;
    public static final int PT_PCMA = 8;
    /** Peak of each beep: about -12 dBFS, the level of ordinary speech on a line. */
    static final int AMPLITUDE = 8000;
    private static final int FADE_SAMPLES = SAMPLE_RATE * 5 / 1000;

    private final byte[] ulaw;
    private final byte[] alaw;
    private final short[] linear;

    FeedbackTone(Beep... beeps) {
        int end = 0;
        for (Beep beep : beeps) {
            end = Math.max(end, beep.startMs + beep.lengthMs);
        }
        linear = new short[end * SAMPLE_RATE / 1000];
        for (Beep beep : beeps) {
            beep.addTo(linear);
        }
        ulaw = new byte[linear.length];
        alaw = new byte[linear.length];
        for (int i = 0; i < linear.length; i++) {
            ulaw[i] = TConversionTool.linear2ulaw(linear[i]);
            alaw[i] = TConversionTool.linear2alaw(linear[i]);
        }
    }

    /** Length of the tone in samples (= bytes of G.711, = RTP timestamp units at 8 kHz). */
    public int samples() {
        return linear.length;
    }

    /**
     * The tone encoded for an RTP payload type: {@link #PT_PCMU} μ-law, {@link #PT_PCMA} A-law, else
     * null (not G.711: telephone-event, comfort noise, a dynamic type). Shared: never written to.
     */
    byte[] encodedFor(int payloadType) {
        return switch (payloadType) {
            case PT_PCMU -> ulaw;
            case PT_PCMA -> alaw;
            default -> null;
        };
    }

    /** A copy of the tone as 16-bit linear samples, for tests and docs. */
    public short[] linear() {
        return linear.clone();
    }

    /** The tones' frequencies and lengths, apart so that the enum constants may name them (JLS §8.3.3). */
    static final class Shape {
        static final int LOW_HZ = 1000;
        static final int HIGH_HZ = 1250;
        static final int REFUSED_HZ = 330;
        static final int WARNING_HZ = 2200;
        static final int BEEP_MS = 150;
        static final int SECOND_BEEP_MS = BEEP_MS + 50;

        private Shape() {
        }
    }

    private record Beep(int hz, int startMs, int lengthMs) {
        void addTo(short[] samples) {
            int first = startMs * SAMPLE_RATE / 1000;
            int count = lengthMs * SAMPLE_RATE / 1000;
            for (int i = 0; i < count; i++) {
                double fade = Math.min(1.0, Math.min(i, count - 1 - i) / (double) FADE_SAMPLES);
                double gain = 0.5 - 0.5 * Math.cos(Math.PI * fade);
                samples[first + i] = (short) Math.round(AMPLITUDE * gain * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE));
            }
        }
    }
}
