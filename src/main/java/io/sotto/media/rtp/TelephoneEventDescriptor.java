package io.sotto.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The payload of an RFC 4733 §2.3 named telephone event, read in place.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     event     |E|R| volume    |          duration             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * All packets of one event carry the RTP timestamp of its start (§2.5.1.3); the last ones, with
 * E set, are sent three times (§2.5.1.4). Events 0-15 are the DTMF digits (§3.2).
 */
public final class TelephoneEventDescriptor {
    public static final int LENGTH = 4;
    private static final int EVENT_OFFSET = 0;
    private static final int FLAGS_OFFSET = 1;
    private static final int END_BIT = 0x80;
    private static final String DIGITS = "0123456789*#ABCD";

    private TelephoneEventDescriptor() {
    }

    public static int event(ByteBuf buffer, int payloadIndex) {
        return buffer.getUnsignedByte(payloadIndex + EVENT_OFFSET);
    }

    public static boolean end(ByteBuf buffer, int payloadIndex) {
        return (buffer.getUnsignedByte(payloadIndex + FLAGS_OFFSET) & END_BIT) != 0;
    }

    /** The event number of DTMF digit {@code digit} ({@code 0-9 * # A-D}), or -1 when it is none. */
    public static int eventOf(char digit) {
        return DIGITS.indexOf(digit);
    }

    /** The DTMF digit of {@code event}, or 0 when the event is no digit (flash, tones). */
    public static char digitOf(int event) {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : 0;
    }
}
