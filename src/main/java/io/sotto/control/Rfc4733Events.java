package io.sotto.control;

/**
 * The DTMF named events of RFC 4733 section 3.2: events 0-9 are the digits, 10 is {@code *},
 * 11 is {@code #}, 12-15 are {@code A}-{@code D}. Other events (flash, modem tones) are no digits.
 */
public final class Rfc4733Events {
    private static final String DIGITS = "0123456789*#ABCD";

    private Rfc4733Events() {
    }

    /** The digit of DTMF event {@code event}, or {@code 0} when the event is no DTMF digit. */
    public static char digitOf(int event) {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : 0;
    }
}
