package io.sotto.sip;

import javax.sip.message.Response;

import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpException;

/**
 * The SDP side of media anchoring: what a leg's party sent tells its media session where that
 * party receives; what Sotto sends a leg names Sotto's port on the session facing it. Takes the
 * session explicitly, because a transfer prepares a new one before the call moves onto it.
 */
final class SdpBridge {
    private final String sdpAddress;

    SdpBridge(String sdpAddress) {
        this.sdpAddress = sdpAddress;
    }

    /** {@code sdp} rewritten to Sotto's address and the port of the leg's own call's session facing it. */
    String anchorTowards(SipLeg towards, Sdp sdp) {
        return anchorTowards(towards, towards.call.call.media(), sdp);
    }

    /** {@code sdp} rewritten to Sotto's address and {@code session}'s port facing {@code towards}. */
    String anchorTowards(SipLeg towards, MediaSession session, Sdp sdp) {
        return anchorTowards(towards, towards.role, session, sdp);
    }

    /** As above, for a leg that will be on {@code side} of {@code session} (a transfer moves it there). */
    String anchorTowards(SipLeg towards, SipLeg.Role side, MediaSession session, Sdp sdp) {
        int port = side == SipLeg.Role.CALLER ? session.callerFacingPort() : session.calleeFacingPort();
        String body = sdp.anchor(sdpAddress, port, towards.origin()).encode();
        if (towards.bumpOriginIfChanged(body)) {
            body = sdp.anchor(sdpAddress, port, towards.origin()).encode();
            towards.bumpOriginIfChanged(body);
        }
        return body;
    }

    /**
     * Carries SDP from one leg of a call to the other: learns where {@code from}'s party receives
     * and returns {@code sdp} anchored towards {@code towards}.
     */
    String carry(SipLeg from, SipLeg towards, Sdp sdp) {
        learnRemote(from, sdp);
        return anchorTowards(towards, sdp);
    }

    /**
     * Where {@code from}'s party receives audio, on its own call's session; the key-press
     * payload types of both legs follow.
     */
    static void learnRemote(SipLeg from, Sdp sdp) {
        MediaSession session = from.call.call.media();
        learnRemote(from, session, sdp);
        if (from.call.caller != null && from.call.callee != null) {
            telephoneEvents(session, from.call.caller, from.call.callee);
        }
    }

    /** Where {@code from}'s party receives audio, from the SDP it sent, on its side of {@code session}. */
    static void learnRemote(SipLeg from, MediaSession session, Sdp sdp) {
        learnRemote(from, from.role, session, sdp);
    }

    /** As above, for a leg that will be on {@code side} of {@code session}. */
    static void learnRemote(SipLeg from, SipLeg.Role side, MediaSession session, Sdp sdp) {
        if (side == SipLeg.Role.CALLER) {
            session.setCallerRemote(sdp.audioRemote());
        } else {
            session.setCalleeRemote(sdp.audioRemote());
        }
        from.remoteSdp = sdp;
        from.telephoneEventPayloadType = sdp.telephoneEventPayloadType();
    }

    /** The SDP in a response, or null when it has none or none that parses. */
    static Sdp sdpIn(Response response) {
        String body = LegMessages.sdpOf(response);
        if (body == null) {
            return null;
        }
        try {
            return Sdp.parse(body);
        } catch (SdpException e) {
            return null;
        }
    }

    /** The RFC 4733 payload types the two legs' parties send key presses with. */
    static void telephoneEvents(MediaSession session, SipLeg caller, SipLeg callee) {
        session.setTelephoneEventPayloadTypes(caller.telephoneEventPayloadType, callee.telephoneEventPayloadType);
    }
}
