package io.sotto.fork;

/**
 * Layout of the records that media (and the call conductor) write into the fork ring and the
 * recorder reads. Every record is one Agrona ring-buffer message; the message type id says which
 * layout follows. Fields are in the platform's native order (little-endian on x86): the ring never
 * leaves the process.
 *
 * <pre>
 * AUDIO (type 1): the payload of one RTP packet received on a leg, with the RFC 3550 header
 * fields the recorder needs already parsed by media
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                     session key (64 bit)                      |
 *  +---------------------------------------------------------------+  8
 *  |                arrival, monotonic nanos (64 bit)              |
 *  +-------------------------------+-------------------------------+ 16
 *  |  channel (0 caller, 1 callee) |        payload length         |
 *  +-------------------------------+-------------------------------+ 24
 *  |        RTP timestamp          |             SSRC              |
 *  +---------------+-------+-------+-------------------------------+ 32
 *  | sequence (16) |  PT   | flags |           reserved            |
 *  +---------------+-------+-------+-------------------------------+ 40
 *  |                 RTP payload (codec data) ...                  |
 *
 *  flags: bit 0 = RTP marker bit
 *
 * START (type 2), STATE (type 3), END (type 4), LINK (type 5): control records
 *  +---------------------------------------------------------------+  0
 *  |                     session key (64 bit)                      |
 *  +---------------------------------------------------------------+  8
 *  |                 at, monotonic nanos (64 bit)                  |
 *  +-------------------------------+-------------------------------+ 16
 *  |  state (STATE only, else 0)   |           reserved            |
 *  +-------------------------------+-------------------------------+ 24
 *  |                  body number (64 bit)                         |
 *  +---------------------------------------------------------------+ 32
 *
 *  The body, taken from {@link ControlBodies} by its number: {@link RecordingStart} for START,
 *  {@link StateChange} for STATE, {@link RecordingEnd} for END, {@link RecordingLink} for LINK
 *  (session key 0: the recording it names has ended; the body says which).
 * </pre>
 *
 * Control records travel in the same ring as the audio so that the recorder sees a pause at the
 * exact point in the packet stream where it was taken.
 */
public final class ForkDescriptor {
    public static final int AUDIO_MSG_TYPE_ID = 1;
    public static final int START_MSG_TYPE_ID = 2;
    public static final int STATE_MSG_TYPE_ID = 3;
    public static final int END_MSG_TYPE_ID = 4;
    public static final int LINK_MSG_TYPE_ID = 5;

    public static final int SESSION_KEY_OFFSET = 0;
    public static final int NANOS_OFFSET = 8;

    public static final int CHANNEL_OFFSET = 16;
    public static final int PAYLOAD_LENGTH_OFFSET = 20;
    public static final int RTP_TIMESTAMP_OFFSET = 24;
    public static final int SSRC_OFFSET = 28;
    public static final int SEQUENCE_OFFSET = 32;
    public static final int PAYLOAD_TYPE_OFFSET = 34;
    public static final int FLAGS_OFFSET = 35;
    public static final int AUDIO_HEADER_LENGTH = 40;
    public static final int FLAG_MARKER = 1;

    public static final int STATE_OFFSET = 16;
    public static final int BODY_NUMBER_OFFSET = 24;
    public static final int CONTROL_HEADER_LENGTH = 32;

    public static final int CHANNEL_CALLER = 0;
    public static final int CHANNEL_CALLEE = 1;

    /** Recording states as carried in a STATE record. */
    public static final int STATE_RECORDING = 1;
    public static final int STATE_PAUSED = 2;
    public static final int STATE_STOPPED = 3;

    /** Larger than any RTP payload we relay (Ethernet MTU); longer ones are not forked. */
    public static final int MAX_PAYLOAD_LENGTH = 1500;

    private ForkDescriptor() {
    }
}
