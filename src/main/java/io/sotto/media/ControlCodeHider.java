package io.sotto.media;

import io.sotto.config.DtmfConfig;
import io.sotto.media.rtp.TelephoneEventDescriptor;

/**
 * Keeps an agent's recording control codes from reaching the other party as RFC 4733 events.
 * A code is only known at its last key, so every key press that, with the keys before it (none
 * more than {@code inter_digit_ms} apart), is the start of a code is dropped from its first
 * packet on, all of its packets with it; a key that is no continuation of a code is relayed. The
 * keys of a start that then went elsewhere ({@code #1} then {@code 5}) are lost to the far end:
 * holding them back and sending them late would put them behind the audio the far end already
 * played. docs/feedback.md explains the trade-off. Primitive state, one event loop: allocates
 * nothing.
 */
final class ControlCodeHider {
    private final int[] keyed = new int[DtmfConfig.MAX_CODE_LENGTH];
    private int count;
    private long lastPressNanos;
    private boolean hiding;

    /**
     * Whether a telephone-event packet of this side must be dropped.
     *
     * @param codes      the codes to hide, or null when this side is no agent's (a customer's keys
     *                   always reach the other side)
     * @param startsPress whether this packet starts a key press ({@link TelephoneEventDetector})
     * @param event      the packet's RFC 4733 event number
     */
    boolean hides(ControlCodes codes, boolean startsPress, int event, long nowNanos) {
        if (codes == null) {
            count = 0;
            hiding = false;
            return false;
        }
        if (!startsPress) {
            return hiding;
        }
        if (TelephoneEventDescriptor.digitOf(event) == 0) {
            // not a DTMF digit (flash, tones): no code holds it, and it leaves the keys as they were
            hiding = false;
            return false;
        }
        if (count > 0 && nowNanos - lastPressNanos > codes.interDigitNanos()) {
            count = 0;
        }
        lastPressNanos = nowNanos;
        if (count == keyed.length) {
            System.arraycopy(keyed, 1, keyed, 0, keyed.length - 1);
            count--;
        }
        keyed[count++] = event;
        int match = codes.match(keyed, count);
        hiding = match != ControlCodes.NONE;
        if (match == ControlCodes.COMPLETE) {
            count = 0;
        }
        return hiding;
    }
}
