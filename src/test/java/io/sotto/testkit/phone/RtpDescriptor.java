package io.sotto.testkit.phone;

/**
 * Byte layout of the RTP fixed header, RFC 3550 section 5.1, as the test phone writes and reads it.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |  8
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             | 12, CC words
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  defined by profile (X=1)     |       length (32-bit words)   |  optional extension
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class RtpDescriptor {
    static final int VERSION = 2;
    static final int HEADER_LENGTH = 12;

    static final int FLAGS_OFFSET = 0;
    static final int MARKER_PT_OFFSET = 1;
    static final int SEQUENCE_OFFSET = 2;
    static final int TIMESTAMP_OFFSET = 4;
    static final int SSRC_OFFSET = 8;
    static final int CSRC_OFFSET = 12;

    static final int VERSION_SHIFT = 6;
    static final int PADDING_BIT = 0x20;
    static final int EXTENSION_BIT = 0x10;
    static final int CSRC_COUNT_MASK = 0x0F;
    static final int MARKER_BIT = 0x80;
    static final int PAYLOAD_TYPE_MASK = 0x7F;

    static final int EXTENSION_HEADER_LENGTH = 4;
    static final int EXTENSION_LENGTH_OFFSET = 2;

    private RtpDescriptor() {
    }
}
