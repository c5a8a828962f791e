package io.sotto.testkit;

/**
 * ITU-T G.711 companding between 16-bit linear PCM and 8-bit μ-law / A-law, as in the reference
 * implementation that ships with most VoIP stacks (Sun's g711.c). The test kit keeps its own copy
 * so that a bug in the product's codec cannot hide itself by being used as the oracle too.
 */
public final class G711 {
    /** μ-law code of linear 0: what a silent μ-law stream carries. */
    public static final byte ULAW_SILENCE = (byte) 0xFF;
    /** A-law code of linear 0 (decodes to +8, the smallest positive step). */
    public static final byte ALAW_SILENCE = (byte) 0xD5;

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    private static final int SIGN_BIT = 0x80;
    private static final int QUANT_MASK = 0x0F;
    private static final int SEG_SHIFT = 4;
    private static final int SEG_MASK = 0x70;
    private static final int[] ALAW_SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private G711() {
    }

    public static byte linearToUlaw(short sample) {
        int pcm = sample;
        int sign = 0;
        if (pcm < 0) {
            pcm = -pcm;
            sign = SIGN_BIT;
        }
        pcm = Math.min(pcm, ULAW_CLIP) + ULAW_BIAS;
        int exponent = 7;
        for (int mask = 0x4000; exponent > 0 && (pcm & mask) == 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (pcm >> (exponent + 3)) & QUANT_MASK;
        return (byte) ~(sign | (exponent << SEG_SHIFT) | mantissa);
    }

    public static short ulawToLinear(byte code) {
        int u = ~code & 0xFF;
        int t = ((u & QUANT_MASK) << 3) + ULAW_BIAS;
        t <<= (u & SEG_MASK) >> SEG_SHIFT;
        return (short) ((u & SIGN_BIT) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);
    }

    public static byte linearToAlaw(short sample) {
        int pcm = sample >> 3;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int segment = 0;
        while (segment < ALAW_SEGMENT_END.length && pcm > ALAW_SEGMENT_END[segment]) {
            segment++;
        }
        if (segment >= ALAW_SEGMENT_END.length) {
            return (byte) (0x7F ^ mask);
        }
        int code = segment << SEG_SHIFT;
        code |= segment < 2 ? (pcm >> 1) & QUANT_MASK : (pcm >> segment) & QUANT_MASK;
        return (byte) (code ^ mask);
    }

    public static short alawToLinear(byte code) {
        int a = (code & 0xFF) ^ 0x55;
        int t = (a & QUANT_MASK) << 4;
        int segment = (a & SEG_MASK) >> SEG_SHIFT;
        if (segment == 0) {
            t += 8;
        } else {
            t += 0x108;
            t <<= segment - 1;
        }
        return (short) ((a & SIGN_BIT) != 0 ? t : -t);
    }
}
