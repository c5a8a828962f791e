package io.sotto.testkit.phone;

import org.tritonus.share.sampled.TConversionTool;

/** G.711 (ITU-T) mu-law and A-law for RTP static payload types 0 and 8 (RFC 3551 section 6). */
final class G711 {
    static final int PCMU = 0;
    static final int PCMA = 8;

    private G711() {
    }

    static boolean isG711(int payloadType) {
        return payloadType == PCMU || payloadType == PCMA;
    }

    static byte[] encode(short[] pcm, int payloadType) {
        if (!isG711(payloadType)) {
            throw new IllegalArgumentException("not a G.711 payload type: " + payloadType);
        }
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = payloadType == PCMU ? TConversionTool.linear2ulaw(pcm[i]) : TConversionTool.linear2alaw(pcm[i]);
        }
        return out;
    }

    static short[] decode(byte[] payload, int payloadType) {
        if (!isG711(payloadType)) {
            throw new IllegalArgumentException("not a G.711 payload type: " + payloadType);
        }
        short[] out = new short[payload.length];
        for (int i = 0; i < payload.length; i++) {
            out[i] = payloadType == PCMU ? TConversionTool.ulaw2linear(payload[i]) : TConversionTool.alaw2linear(payload[i]);
        }
        return out;
    }
}
