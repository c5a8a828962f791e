package io.sotto.media.rtp;

import java.nio.ByteOrder;

import io.netty.buffer.ByteBuf;

import org.agrona.DirectBuffer;

/**
 * The RTP fixed header (RFC 3550 §5.1) read in place: static accessors over (buffer, index of the
 * packet's first byte), so the relay never builds an object per packet. Overloads take a Netty
 * {@link ByteBuf} (the relay) or an Agrona {@link DirectBuffer} (readers of the fork ring).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  0
 *  |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  4
 *  |                           timestamp                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  8
 *  |           synchronization source (SSRC) identifier            |
 *  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+ 12
 *  |            contributing source (CSRC) identifiers             |
 *  |                     (CC entries of 32 bits)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ 12 + 4 * CC
 *  |  defined by profile (X only)  |  extension length (32-bit words)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 header extension (X only) ...                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ payload offset
 *  |                           payload ...                         |
 *  |                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |  padding (P only) | pad count |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * All fields are in network byte order.
 */
public final class RtpDescriptor {
    public static final int FIRST_BYTE_OFFSET = 0;
    public static final int MARKER_PAYLOAD_TYPE_OFFSET = 1;
    public static final int SEQUENCE_OFFSET = 2;
    public static final int TIMESTAMP_OFFSET = 4;
    public static final int SSRC_OFFSET = 8;
    public static final int CSRC_OFFSET = 12;
    public static final int HEADER_LENGTH = 12;
    public static final int CSRC_LENGTH = 4;
    public static final int EXTENSION_HEADER_LENGTH = 4;
    /** Offset of the extension length within the extension header. */
    public static final int EXTENSION_LENGTH_OFFSET = 2;

    public static final int VERSION = 2;
    public static final int VERSION_SHIFT = 6;
    public static final int PADDING_BIT = 0x20;
    public static final int EXTENSION_BIT = 0x10;
    public static final int CSRC_COUNT_MASK = 0x0F;
    public static final int MARKER_BIT = 0x80;
    public static final int PAYLOAD_TYPE_MASK = 0x7F;

    /** Returned by {@link #payloadLength} for a packet that fails the RFC 3550 §A.1 checks. */
    public static final int INVALID = -1;

    /**
     * RFC 5761 §4: RTCP packet types 192-223 occupy the byte where RTP has marker + payload type,
     * which is why RTP payload types 64-95 are never used when RTP and RTCP share a port.
     */
    public static final int FIRST_RTCP_PACKET_TYPE = 192;
    public static final int LAST_RTCP_PACKET_TYPE = 223;

    private RtpDescriptor() {
    }

    public static int version(ByteBuf buffer, int index) {
        return buffer.getUnsignedByte(index + FIRST_BYTE_OFFSET) >>> VERSION_SHIFT;
    }

    public static boolean padding(ByteBuf buffer, int index) {
        return (buffer.getByte(index + FIRST_BYTE_OFFSET) & PADDING_BIT) != 0;
    }

    public static boolean extension(ByteBuf buffer, int index) {
        return (buffer.getByte(index + FIRST_BYTE_OFFSET) & EXTENSION_BIT) != 0;
    }

    public static int csrcCount(ByteBuf buffer, int index) {
        return buffer.getByte(index + FIRST_BYTE_OFFSET) & CSRC_COUNT_MASK;
    }

    public static boolean marker(ByteBuf buffer, int index) {
        return (buffer.getByte(index + MARKER_PAYLOAD_TYPE_OFFSET) & MARKER_BIT) != 0;
    }

    public static int payloadType(ByteBuf buffer, int index) {
        return buffer.getByte(index + MARKER_PAYLOAD_TYPE_OFFSET) & PAYLOAD_TYPE_MASK;
    }

    public static int sequenceNumber(ByteBuf buffer, int index) {
        return buffer.getUnsignedShort(index + SEQUENCE_OFFSET);
    }

    /** The 32-bit RTP timestamp as the int with the same bits. */
    public static int timestamp(ByteBuf buffer, int index) {
        return buffer.getInt(index + TIMESTAMP_OFFSET);
    }

    public static int ssrc(ByteBuf buffer, int index) {
        return buffer.getInt(index + SSRC_OFFSET);
    }

    /**
     * True if the second byte holds an RTCP packet type (RFC 5761 §4), i.e. this is RTCP sent on
     * the RTP port rather than RTP.
     */
    public static boolean isRtcp(ByteBuf buffer, int index, int length) {
        if (length <= MARKER_PAYLOAD_TYPE_OFFSET) {
            return false;
        }
        int packetType = buffer.getUnsignedByte(index + MARKER_PAYLOAD_TYPE_OFFSET);
        return packetType >= FIRST_RTCP_PACKET_TYPE && packetType <= LAST_RTCP_PACKET_TYPE;
    }

    /**
     * The offset of the payload from the packet's first byte: fixed header, CSRCs and extension.
     * Only meaningful for a packet {@link #payloadLength} accepted.
     */
    public static int payloadOffset(ByteBuf buffer, int index) {
        int first = buffer.getUnsignedByte(index + FIRST_BYTE_OFFSET);
        int offset = HEADER_LENGTH + (first & CSRC_COUNT_MASK) * CSRC_LENGTH;
        if ((first & EXTENSION_BIT) != 0) {
            offset += EXTENSION_HEADER_LENGTH
                    + buffer.getUnsignedShort(index + offset + EXTENSION_LENGTH_OFFSET) * 4;
        }
        return offset;
    }

    /**
     * The payload length of a {@code length}-byte packet, or {@link #INVALID} if it fails the
     * RFC 3550 §A.1 validity checks that do not need session state: version 2, the CSRC list and
     * header extension inside the packet, and a padding count that fits. The payload type check
     * of §A.1 is left to whoever knows the negotiated formats (the recorder).
     */
    public static int payloadLength(ByteBuf buffer, int index, int length) {
        if (length < HEADER_LENGTH) {
            return INVALID;
        }
        int first = buffer.getUnsignedByte(index + FIRST_BYTE_OFFSET);
        if (first >>> VERSION_SHIFT != VERSION) {
            return INVALID;
        }
        int headerLength = HEADER_LENGTH + (first & CSRC_COUNT_MASK) * CSRC_LENGTH;
        if ((first & EXTENSION_BIT) != 0) {
            if (length < headerLength + EXTENSION_HEADER_LENGTH) {
                return INVALID;
            }
            headerLength += EXTENSION_HEADER_LENGTH
                    + buffer.getUnsignedShort(index + headerLength + EXTENSION_LENGTH_OFFSET) * 4;
        }
        if (length < headerLength) {
            return INVALID;
        }
        int paddingLength = 0;
        if ((first & PADDING_BIT) != 0) {
            paddingLength = buffer.getUnsignedByte(index + length - 1);
            // §A.1 asks for a pad count below (length - header); equal is let through because
            // padding-only packets (bandwidth probes) are harmless to relay and carry no audio.
            if (paddingLength == 0 || paddingLength > length - headerLength) {
                return INVALID;
            }
        }
        return length - headerLength - paddingLength;
    }

    public static int version(DirectBuffer buffer, int index) {
        return (buffer.getByte(index + FIRST_BYTE_OFFSET) & 0xFF) >>> VERSION_SHIFT;
    }

    public static boolean padding(DirectBuffer buffer, int index) {
        return (buffer.getByte(index + FIRST_BYTE_OFFSET) & PADDING_BIT) != 0;
    }

    public static boolean extension(DirectBuffer buffer, int index) {
        return (buffer.getByte(index + FIRST_BYTE_OFFSET) & EXTENSION_BIT) != 0;
    }

    public static int csrcCount(DirectBuffer buffer, int index) {
        return buffer.getByte(index + FIRST_BYTE_OFFSET) & CSRC_COUNT_MASK;
    }

    public static boolean marker(DirectBuffer buffer, int index) {
        return (buffer.getByte(index + MARKER_PAYLOAD_TYPE_OFFSET) & MARKER_BIT) != 0;
    }

    public static int payloadType(DirectBuffer buffer, int index) {
        return buffer.getByte(index + MARKER_PAYLOAD_TYPE_OFFSET) & PAYLOAD_TYPE_MASK;
    }

    public static int sequenceNumber(DirectBuffer buffer, int index) {
        return buffer.getShort(index + SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public static int timestamp(DirectBuffer buffer, int index) {
        return buffer.getInt(index + TIMESTAMP_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public static int ssrc(DirectBuffer buffer, int index) {
        return buffer.getInt(index + SSRC_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public static boolean isRtcp(DirectBuffer buffer, int index, int length) {
        if (length <= MARKER_PAYLOAD_TYPE_OFFSET) {
            return false;
        }
        int packetType = buffer.getByte(index + MARKER_PAYLOAD_TYPE_OFFSET) & 0xFF;
        return packetType >= FIRST_RTCP_PACKET_TYPE && packetType <= LAST_RTCP_PACKET_TYPE;
    }

    public static int payloadOffset(DirectBuffer buffer, int index) {
        int first = buffer.getByte(index + FIRST_BYTE_OFFSET) & 0xFF;
        int offset = HEADER_LENGTH + (first & CSRC_COUNT_MASK) * CSRC_LENGTH;
        if ((first & EXTENSION_BIT) != 0) {
            offset += EXTENSION_HEADER_LENGTH + (buffer.getShort(
                    index + offset + EXTENSION_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF) * 4;
        }
        return offset;
    }

    /** As {@link #payloadLength(ByteBuf, int, int)}. */
    public static int payloadLength(DirectBuffer buffer, int index, int length) {
        if (length < HEADER_LENGTH) {
            return INVALID;
        }
        int first = buffer.getByte(index + FIRST_BYTE_OFFSET) & 0xFF;
        if (first >>> VERSION_SHIFT != VERSION) {
            return INVALID;
        }
        int headerLength = HEADER_LENGTH + (first & CSRC_COUNT_MASK) * CSRC_LENGTH;
        if ((first & EXTENSION_BIT) != 0) {
            if (length < headerLength + EXTENSION_HEADER_LENGTH) {
                return INVALID;
            }
            headerLength += EXTENSION_HEADER_LENGTH + (buffer.getShort(
                    index + headerLength + EXTENSION_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF) * 4;
        }
        if (length < headerLength) {
            return INVALID;
        }
        int paddingLength = 0;
        if ((first & PADDING_BIT) != 0) {
            paddingLength = buffer.getByte(index + length - 1) & 0xFF;
            if (paddingLength == 0 || paddingLength > length - headerLength) {
                return INVALID;
            }
        }
        return length - headerLength - paddingLength;
    }
}
