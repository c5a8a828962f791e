package io.sotto.testkit.phone;

import static io.sotto.testkit.phone.RtpDescriptor.*;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;

/** One RTP packet as a phone received it: header fields, payload, sender and arrival time. */
public record RtpPacket(
        int payloadType,
        boolean marker,
        int sequence,
        long timestamp,
        long ssrc,
        byte[] payload,
        InetSocketAddress from,
        Instant arrivedAt,
        long arrivedNanos) {

    /**
     * Parses {@code length} bytes of {@code data}; returns null when they are not RTP: shorter than
     * the fixed header, version not 2, or CSRC list, extension or padding running past the end
     * (RFC 3550 section 5.1 and appendix A.1 validity checks).
     */
    static RtpPacket parse(byte[] data, int length, InetSocketAddress from, Instant arrivedAt, long arrivedNanos) {
        if (length < HEADER_LENGTH || (data[FLAGS_OFFSET] & 0xFF) >>> VERSION_SHIFT != VERSION) {
            return null;
        }
        int flags = data[FLAGS_OFFSET] & 0xFF;
        int offset = CSRC_OFFSET + 4 * (flags & CSRC_COUNT_MASK);
        if ((flags & EXTENSION_BIT) != 0) {
            if (offset + EXTENSION_HEADER_LENGTH > length) {
                return null;
            }
            int words = ((data[offset + EXTENSION_LENGTH_OFFSET] & 0xFF) << 8) | (data[offset + EXTENSION_LENGTH_OFFSET + 1] & 0xFF);
            offset += EXTENSION_HEADER_LENGTH + 4 * words;
        }
        int end = length;
        if ((flags & PADDING_BIT) != 0) {
            end -= data[length - 1] & 0xFF;
        }
        if (offset > end) {
            return null;
        }
        int markerPt = data[MARKER_PT_OFFSET] & 0xFF;
        int sequence = ((data[SEQUENCE_OFFSET] & 0xFF) << 8) | (data[SEQUENCE_OFFSET + 1] & 0xFF);
        return new RtpPacket(
                markerPt & PAYLOAD_TYPE_MASK,
                (markerPt & MARKER_BIT) != 0,
                sequence,
                uint32(data, TIMESTAMP_OFFSET),
                uint32(data, SSRC_OFFSET),
                Arrays.copyOfRange(data, offset, end),
                from,
                arrivedAt,
                arrivedNanos);
    }

    private static long uint32(byte[] data, int offset) {
        return ((long) (data[offset] & 0xFF) << 24)
                | ((data[offset + 1] & 0xFF) << 16)
                | ((data[offset + 2] & 0xFF) << 8)
                | (data[offset + 3] & 0xFF);
    }

    @Override
    public String toString() {
        return "RTP pt=" + payloadType + (marker ? " M" : "") + " seq=" + sequence + " ts=" + timestamp
                + " ssrc=" + Long.toHexString(ssrc) + " len=" + payload.length + " from " + from;
    }
}
