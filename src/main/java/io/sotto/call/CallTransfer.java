package io.sotto.call;

import java.util.List;

import io.sotto.control.Agent;
import io.sotto.control.CallParties;
import io.sotto.media.MediaSession;

/**
 * What a call becomes when one of its parties is replaced by a transfer (REFER, or INVITE with
 * Replaces): the media session that bridges the remaining party with the new one, and who is on
 * the call now, in the shape {@link Call#answeredBy} takes at answer.
 *
 * @param media       the session bridging the remaining party and the new one
 * @param caller      the caller-side party's number or user part
 * @param callee      the callee-side party's number or user part
 * @param callerAgent the agent on the caller side, or null for a customer
 * @param calleeAgent the agent on the callee side, or null for a customer
 * @param legIds      SIP Call-IDs of the caller-side leg and the callee-side leg
 * @param codec       the audio codec negotiated with the new party
 */
public record CallTransfer(MediaSession media, Direction direction, String caller, String callee,
                           CallParties parties, Agent callerAgent, Agent calleeAgent, List<String> legIds,
                           String codec) {
    public CallTransfer {
        legIds = List.copyOf(legIds);
    }
}
