package io.sotto.sip;

import java.util.HashMap;
import java.util.Map;

import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.Sdp;

/**
 * How a SIPREC recording session uses its media session ({@link MediaSession#receiveOnly()}): the
 * caller-facing port pair takes the left stream and the callee-facing pair the right one, each
 * latched on the recording client's address from its SDP and forked to the recorder; nothing is
 * relayed out.
 */
final class SiprecMedia {
    private SiprecMedia() {
    }

    /** Where each recorded stream comes from, and its key-press payload type, from the client's offer. */
    static void follow(MediaSession session, Sdp offer, int left, int right) {
        session.setCallerRemote(offer.remoteOf(left));
        session.setCalleeRemote(right < 0 ? null : offer.remoteOf(right));
        session.setTelephoneEventPayloadTypes(offer.telephoneEventPayloadTypeOf(left),
                right < 0 ? -1 : offer.telephoneEventPayloadTypeOf(right));
    }

    /** Sotto's receiving port for each recorded m= line, by index. */
    static Map<Integer, Integer> ports(MediaSession session, int left, int right) {
        Map<Integer, Integer> ports = new HashMap<>();
        ports.put(left, session.callerFacingPort());
        if (right >= 0) {
            ports.put(right, session.calleeFacingPort());
        }
        return ports;
    }
}
