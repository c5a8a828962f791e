package io.sotto.media;

import java.util.Locale;

import io.sotto.config.DtmfConfig;
import io.sotto.media.rtp.TelephoneEventDescriptor;

/**
 * The recording control codes an agent keys ({@code company.dtmf}), as RFC 4733 event numbers
 * (§3.2: 0-9 are the digits, 10 is *, 11 is #, 12-15 are A-D), for the relay to hide them from
 * the other party. Immutable: the call thread builds it once and hands it to media sessions.
 */
public final class ControlCodes {
    /** {@link #match} results. */
    static final int NONE = 0;
    static final int PREFIX = 1;
    static final int COMPLETE = 2;

    private final int[][] codes;
    private final long interDigitNanos;

    private ControlCodes(int[][] codes, long interDigitNanos) {
        this.codes = codes;
        this.interDigitNanos = interDigitNanos;
    }

    /** The pause and resume codes of {@code dtmf}. */
    public static ControlCodes of(DtmfConfig dtmf) {
        return of(dtmf.interDigitMs() * 1_000_000L, dtmf.pause(), dtmf.resume());
    }

    static ControlCodes of(long interDigitNanos, String... codes) {
        int[][] events = new int[codes.length][];
        for (int c = 0; c < codes.length; c++) {
            String code = codes[c].toUpperCase(Locale.ROOT);
            if (code.isEmpty() || code.length() > DtmfConfig.MAX_CODE_LENGTH) {
                throw new IllegalArgumentException("a control code has 1-" + DtmfConfig.MAX_CODE_LENGTH + " keys");
            }
            events[c] = new int[code.length()];
            for (int i = 0; i < code.length(); i++) {
                int event = TelephoneEventDescriptor.eventOf(code.charAt(i));
                if (event < 0) {
                    throw new IllegalArgumentException("a control code has a key that is no DTMF digit");
                }
                events[c][i] = event;
            }
        }
        return new ControlCodes(events, interDigitNanos);
    }

    long interDigitNanos() {
        return interDigitNanos;
    }

    /**
     * How the last {@code count} keys of {@code keyed} (oldest first) stand against the codes:
     * {@link #COMPLETE} if they end in a whole code, {@link #PREFIX} if they end in the start of one,
     * else {@link #NONE}. At most 2 codes of 16 keys: a few hundred comparisons, once per key press.
     */
    int match(int[] keyed, int count) {
        int result = NONE;
        for (int[] code : codes) {
            for (int length = Math.min(count, code.length); length > 0; length--) {
                if (endsWith(keyed, count, code, length)) {
                    if (length == code.length) {
                        return COMPLETE;
                    }
                    result = PREFIX;
                    break;
                }
            }
        }
        return result;
    }

    /** Whether the last {@code length} of the {@code count} keys equal the first {@code length} of {@code code}. */
    private static boolean endsWith(int[] keyed, int count, int[] code, int length) {
        int offset = count - length;
        for (int i = 0; i < length; i++) {
            if (keyed[offset + i] != code[i]) {
                return false;
            }
        }
        return true;
    }

    /** Never the codes themselves, which stay out of logs like every key. */
    @Override
    public String toString() {
        return "ControlCodes[" + codes.length + " codes]";
    }
}
