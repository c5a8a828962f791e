package io.sotto.recorder;

import org.tritonus.share.sampled.TConversionTool;

/**
 * ITU-T G.711 μ-law and A-law as lookup tables, built once from tritonus-share's reference
 * conversions, so that decoding and encoding a sample is one array read on the audio path.
 */
final class G711 {
    /** RFC 3551 section 6, table 4: static payload types of the two G.711 laws. */
    static final int PT_PCMU = 0;
    static final int PT_PCMA = 8;

    static final short[] ULAW_TO_LINEAR = new short[256];
    static final short[] ALAW_TO_LINEAR = new short[256];
    /** Indexed by the 16-bit linear sample as an unsigned value ({@code sample & 0xFFFF}). */
    static final byte[] LINEAR_TO_ULAW = new byte[65536];
    static final byte[] LINEAR_TO_ALAW = new byte[65536];

    static {
        for (int b = 0; b < 256; b++) {
            ULAW_TO_LINEAR[b] = TConversionTool.ulaw2linear((byte) b);
            ALAW_TO_LINEAR[b] = TConversionTool.alaw2linear((byte) b);
        }
        for (int i = 0; i < 65536; i++) {
            short sample = (short) i;
            LINEAR_TO_ULAW[i] = TConversionTool.linear2ulaw(sample);
            LINEAR_TO_ALAW[i] = TConversionTool.linear2alaw(sample);
        }
    }

    private G711() {
    }

    /**
     * The decoding table for an RTP payload type, or null when the payload is not G.711 audio
     * (telephone-event, comfort noise, anything else): such packets are not audio for the file.
     */
    static short[] decodeTable(int payloadType) {
        return switch (payloadType) {
            case PT_PCMU -> ULAW_TO_LINEAR;
            case PT_PCMA -> ALAW_TO_LINEAR;
            default -> null;
        };
    }
}
