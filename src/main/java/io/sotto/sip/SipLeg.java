package io.sotto.sip;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.sotto.call.CallConductor;
import io.sotto.config.PeerConfig;
import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpOrigin;

/**
 * Signalling state of one leg of a call: its own Call-ID, dialog, transport, the initial INVITE
 * transaction and the SDP origin Sotto uses towards it (topology hiding: nothing here is shared
 * with the other leg).
 */
final class SipLeg {
    enum Role { CALLER, CALLEE }

    /** The call and the side this leg is on; a transfer moves a leg into another call's place. */
    SipCall call;
    Role role;
    /** The peer this leg talks to (routing and who the agent is: a PBX leg holds one). */
    PeerConfig peer;
    final String sipCallId;
    final String transport;
    final String localTag;
    Dialog dialog;
    ServerTransaction inviteServerTx;
    ClientTransaction inviteClientTx;
    /** The caller leg's initial INVITE, or the callee leg's 2xx: where the agent is read from. */
    Request initialRequest;
    Response answer;
    boolean provisionalReceived;
    /** The callee's ring timeout (sip.ring_timeout), cancelled once it answers or the call ends. */
    CallConductor.Timer ringTimer;
    boolean cancelPending;
    /** This leg sent a 2xx carrying an offer and waits for the other side's ACK with the answer. */
    long ackPendingCSeq = -1;
    /** The SDP this leg's party sent last (offer or answer): what a transfer offers the new party. */
    Sdp remoteSdp;
    /** The RFC 4733 payload type in this leg's own SDP, -1 when it offered none. */
    int telephoneEventPayloadType = -1;
    private SdpOrigin origin = SdpOrigin.fresh();
    private String lastSentSdp;

    SipLeg(SipCall call, Role role, String sipCallId, String transport, String localTag) {
        this.call = call;
        this.role = role;
        this.sipCallId = sipCallId;
        this.transport = transport;
        this.localTag = localTag;
    }

    /** Puts this leg on {@code side} of {@code into} (a transfer replaced the leg that was there). */
    void moveTo(SipCall into, Role side) {
        this.call = into;
        this.role = side;
    }

    /**
     * True when Sotto sent the INVITE that made this leg's dialog, and so chose its Call-ID (RFC
     * 3261 section 14.1 makes the owner wait longer after glare).
     */
    boolean ownsCallId() {
        return inviteClientTx != null;
    }

    /** "caller" or "callee", for logs. */
    String sideName() {
        return role == Role.CALLER ? "caller" : "callee";
    }

    /** Cancels the leg's ring timeout, if it has one running. */
    static void cancelRingTimer(SipLeg leg) {
        if (leg != null && leg.ringTimer != null) {
            leg.ringTimer.cancel();
            leg.ringTimer = null;
        }
    }

    SipLeg other() {
        return role == Role.CALLER ? call.callee : call.caller;
    }

    SdpOrigin origin() {
        return origin;
    }

    /**
     * Remembers SDP sent on this leg; a body different from the last one needs the next origin
     * version (RFC 3264 §8), so the caller re-anchors with {@link #origin()} when this says so.
     *
     * @return true if the origin version was bumped and the body must be built again
     */
    boolean bumpOriginIfChanged(String body) {
        if (lastSentSdp != null && !lastSentSdp.equals(body)) {
            origin = origin.next();
            lastSentSdp = null;
            return true;
        }
        lastSentSdp = body;
        return false;
    }
}
