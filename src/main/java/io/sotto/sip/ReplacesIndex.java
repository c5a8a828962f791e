package io.sotto.sip;


import javax.sip.DialogState;

import io.sotto.call.CallState;
import io.sotto.config.PeerConfig;

/**
 * Finds the leg a Replaces header names (RFC 3891 section 3) among Sotto's live legs: by its
 * Call-ID, then its two tags, in an answered call with a confirmed dialog. Only a dialog with
 * the sender's own peer counts: a peer knows only the legs Sotto has with it (topology hiding),
 * and must not take over another peer's.
 */
final class ReplacesIndex {
    private final Legs legs;

    ReplacesIndex(Legs legs) {
        this.legs = legs;
    }

    /** The named leg, or null when there is none that {@code sender} may replace. */
    SipLeg find(ReplacesValue replaces, PeerConfig sender) {
        SipLeg leg = legs.get(replaces.callId());
        if (leg == null || !sender.equals(leg.peer) || leg.dialog == null
                || leg.dialog.getState() != DialogState.CONFIRMED || leg.call.call.state() != CallState.ANSWERED
                || leg.call.caller != leg && leg.call.callee != leg) {
            return null;
        }
        return replaces.names(leg.dialog.getLocalTag(), leg.dialog.getRemoteTag()) ? leg : null;
    }
}
