package io.sotto.testkit.phone;

/**
 * Byte layout of an RFC 4733 (section 2.3) telephone-event payload, and the DTMF event codes of
 * its section 3.2 table.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Duration is in RTP timestamp units since the event's timestamp; volume is -dBm0 (0..63).
 */
final class DtmfEventDescriptor {
    static final int LENGTH = 4;
    static final int EVENT_OFFSET = 0;
    static final int FLAGS_VOLUME_OFFSET = 1;
    static final int DURATION_OFFSET = 2;

    static final int END_BIT = 0x80;
    static final int VOLUME_MASK = 0x3F;

    private static final String DIGITS = "0123456789*#ABCD";

    private DtmfEventDescriptor() {
    }

    /** Event code of {@code digit}: 0-9, * = 10, # = 11, A-D = 12-15. */
    static int code(char digit) {
        int code = DIGITS.indexOf(Character.toUpperCase(digit));
        if (code < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        return code;
    }

    /** Digit of event {@code code}, or '?' for events that are not DTMF (RFC 4733 allows others). */
    static char digit(int code) {
        return code >= 0 && code < DIGITS.length() ? DIGITS.charAt(code) : '?';
    }

    static byte[] encode(int event, boolean end, int volume, int duration) {
        byte[] payload = new byte[LENGTH];
        payload[EVENT_OFFSET] = (byte) event;
        payload[FLAGS_VOLUME_OFFSET] = (byte) ((end ? END_BIT : 0) | (volume & VOLUME_MASK));
        payload[DURATION_OFFSET] = (byte) (duration >>> 8);
        payload[DURATION_OFFSET + 1] = (byte) duration;
        return payload;
    }

    static int event(byte[] payload) {
        return payload[EVENT_OFFSET] & 0xFF;
    }

    static boolean end(byte[] payload) {
        return (payload[FLAGS_VOLUME_OFFSET] & END_BIT) != 0;
    }

    static int duration(byte[] payload) {
        return ((payload[DURATION_OFFSET] & 0xFF) << 8) | (payload[DURATION_OFFSET + 1] & 0xFF);
    }
}
