package io.sotto.sip.siprec;

/**
 * A recording session request Sotto cannot take, with the SIP answer that says why: 400 for a body
 * that does not parse, 488 for media it cannot record, 415 for a body type it does not read.
 */
public final class SiprecException extends RuntimeException {
    private final int status;

    public SiprecException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    /** The SIP status code to answer with. */
    public int status() {
        return status;
    }

    /** The reason phrase: one line, no longer than a reason phrase should be. */
    public String reason() {
        String text = getMessage() == null ? "" : getMessage().replaceAll("[\\r\\n\\t]+", " ");
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
