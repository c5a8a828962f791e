package io.sotto.media;

import java.nio.ByteBuffer;

/** RTP and RTCP datagrams built byte by byte as RFC 3550 lays them out, for tests. */
final class RtpPackets {
    static final int PCMU = 0;
    static final int PCMA = 8;

    private RtpPackets() {
    }

    static byte[] rtp(int payloadType, int sequence, int timestamp, int ssrc, boolean marker, byte[] payload) {
        return ByteBuffer.allocate(12 + payload.length)
                .put((byte) 0x80)
                .put((byte) ((marker ? 0x80 : 0) | payloadType))
                .putShort((short) sequence)
                .putInt(timestamp)
                .putInt(ssrc)
                .put(payload)
                .array();
    }

    /** A G.711 packet of 20 ms whose payload bytes count up from {@code sequence}. */
    static byte[] pcmu(int sequence) {
        return rtp(PCMU, sequence, sequence * 160, 0x1234_5678, false, payload(160, sequence));
    }

    /**
     * An RTP packet with two CSRCs, a one-word header extension and four bytes of padding around
     * {@code payload}.
     */
    static byte[] rtpWithCsrcExtensionAndPadding(int payloadType, int sequence, int timestamp, int ssrc,
                                                 byte[] payload) {
        return ByteBuffer.allocate(12 + 8 + 8 + payload.length + 4)
                .put((byte) (0x80 | 0x20 | 0x10 | 2))
                .put((byte) payloadType)
                .putShort((short) sequence)
                .putInt(timestamp)
                .putInt(ssrc)
                .putInt(0x1111_1111)
                .putInt(0x2222_2222)
                .putShort((short) 0xBEDE)
                .putShort((short) 1)
                .putInt(0x0102_0304)
                .put(payload)
                .put(new byte[] {0, 0, 0, 4})
                .array();
    }

    /** An RTCP receiver report with no report blocks (RFC 3550 §6.4.2). */
    static byte[] rtcpReceiverReport(int ssrc) {
        return ByteBuffer.allocate(8)
                .put((byte) 0x80)
                .put((byte) 201)
                .putShort((short) 1)
                .putInt(ssrc)
                .array();
    }

    static byte[] payload(int length, int seed) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (seed + i);
        }
        return payload;
    }
}
