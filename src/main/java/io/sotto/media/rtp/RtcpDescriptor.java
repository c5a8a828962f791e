package io.sotto.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The common header of the first RTCP packet in a compound packet (RFC 3550 §6.4), read in place.
 * The relay only checks what it must to tell RTCP from garbage; it forwards the compound packet
 * untouched, so SRTCP (RFC 3711 §3.4, trailer after the packets) passes too.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ 0
 *  |V=2|P|   RC    |   packet type |  length (32-bit words - 1)    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ 4
 *  |                   SSRC of packet sender                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ 8
 *  |                   type-specific body ...                      |
 * </pre>
 */
public final class RtcpDescriptor {
    public static final int FIRST_BYTE_OFFSET = 0;
    public static final int PACKET_TYPE_OFFSET = 1;
    public static final int LENGTH_OFFSET = 2;
    public static final int SSRC_OFFSET = 4;
    /** A receiver report without report blocks, the shortest RTCP packet (RFC 3550 §6.4.2). */
    public static final int MIN_LENGTH = 8;

    public static final int VERSION = 2;
    public static final int VERSION_SHIFT = 6;

    private RtcpDescriptor() {
    }

    public static int version(ByteBuf buffer, int index) {
        return buffer.getUnsignedByte(index + FIRST_BYTE_OFFSET) >>> VERSION_SHIFT;
    }

    public static int packetType(ByteBuf buffer, int index) {
        return buffer.getUnsignedByte(index + PACKET_TYPE_OFFSET);
    }

    /** The first packet's length in bytes, from its header's count of 32-bit words minus one. */
    public static int firstPacketLength(ByteBuf buffer, int index) {
        return (buffer.getUnsignedShort(index + LENGTH_OFFSET) + 1) * 4;
    }

    public static int ssrc(ByteBuf buffer, int index) {
        return buffer.getInt(index + SSRC_OFFSET);
    }

    /**
     * RFC 3550 §A.2 header checks on the first packet: version 2, and its length within the
     * datagram. The packet type is checked against the RTCP range of RFC 5761 §4 (192-223) rather
     * than §A.2's "SR or RR first", since reduced-size RTCP (RFC 5506) may start with feedback.
     */
    public static boolean isValid(ByteBuf buffer, int index, int length) {
        if (length < MIN_LENGTH || version(buffer, index) != VERSION) {
            return false;
        }
        int packetType = packetType(buffer, index);
        return packetType >= RtpDescriptor.FIRST_RTCP_PACKET_TYPE
                && packetType <= RtpDescriptor.LAST_RTCP_PACKET_TYPE
                && firstPacketLength(buffer, index) <= length;
    }
}
