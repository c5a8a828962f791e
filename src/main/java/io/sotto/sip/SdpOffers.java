package io.sotto.sip;

import java.util.List;

import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpException;

/**
 * SDP offers cut down to the configured codecs, and the answer that refuses one: 488 when none
 * of its codecs is left (RFC 3261 section 21.4.26), 400 when it does not parse.
 */
final class SdpOffers {
    /** How a refused offer is answered. */
    record Refusal(int status, String reason) {
    }

    private final List<String> codecs;

    SdpOffers(List<String> codecs) {
        this.codecs = codecs;
    }

    /** The codecs Sotto relays, in order of preference. */
    List<String> codecs() {
        return codecs;
    }

    /** {@code body} parsed, keeping only the configured codecs. */
    Sdp filter(String body) throws SdpException {
        return Sdp.parse(body).filterCodecs(codecs);
    }

    static Refusal refusal(SdpException e) {
        boolean noCodec = e.getMessage() != null && e.getMessage().contains("codec");
        return noCodec ? new Refusal(488, "Not Acceptable Here")
                : new Refusal(400, "Bad SDP: " + LegMessages.oneLine(e.getMessage()));
    }
}
