package io.sotto.sip.sdp;

/**
 * An SDP body Sotto cannot parse or cannot relay. The message is written for the reason phrase of the SIP
 * answer (400 for a malformed body, 488 when no common codec or transport is left) and for an admin reading
 * the log, so it names the line and the rule that failed; it never contains CR or LF.
 */
public final class SdpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }

    static SdpException atLine(int lineNumber, String why) {
        return new SdpException("line " + lineNumber + ": " + why);
    }
}
