package io.sotto.testkit.phone;

import static io.sotto.testkit.phone.RtpDescriptor.*;

/**
 * Builds one RTP packet (RFC 3550 fixed header, no CSRC, no extension) around a payload; usable on
 * its own to craft packets a test sends from a raw socket.
 */
public final class RtpPacketBuilder {
    private int payloadType;
    private boolean marker;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private byte[] payload = new byte[0];

    public RtpPacketBuilder payloadType(int payloadType) {
        if (payloadType < 0 || payloadType > PAYLOAD_TYPE_MASK) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        this.payloadType = payloadType;
        return this;
    }

    public RtpPacketBuilder marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    public RtpPacketBuilder sequence(int sequence) {
        this.sequence = sequence & 0xFFFF;
        return this;
    }

    public RtpPacketBuilder timestamp(long timestamp) {
        this.timestamp = timestamp & 0xFFFF_FFFFL;
        return this;
    }

    public RtpPacketBuilder ssrc(long ssrc) {
        this.ssrc = ssrc & 0xFFFF_FFFFL;
        return this;
    }

    public RtpPacketBuilder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    public byte[] build() {
        byte[] packet = new byte[HEADER_LENGTH + payload.length];
        packet[FLAGS_OFFSET] = (byte) (VERSION << VERSION_SHIFT);
        packet[MARKER_PT_OFFSET] = (byte) ((marker ? MARKER_BIT : 0) | payloadType);
        putInt16(packet, SEQUENCE_OFFSET, sequence);
        putInt32(packet, TIMESTAMP_OFFSET, timestamp);
        putInt32(packet, SSRC_OFFSET, ssrc);
        System.arraycopy(payload, 0, packet, HEADER_LENGTH, payload.length);
        return packet;
    }

    private static void putInt16(byte[] buffer, int offset, int value) {
        buffer[offset] = (byte) (value >>> 8);
        buffer[offset + 1] = (byte) value;
    }

    private static void putInt32(byte[] buffer, int offset, long value) {
        buffer[offset] = (byte) (value >>> 24);
        buffer[offset + 1] = (byte) (value >>> 16);
        buffer[offset + 2] = (byte) (value >>> 8);
        buffer[offset + 3] = (byte) value;
    }
}
