package io.sotto.sip;

import javax.sip.header.Header;
import javax.sip.header.Parameters;
import javax.sip.message.Request;

/**
 * A peer's side of a dialog with Sotto: its own party and tag, Sotto's party and tag, and its
 * CSeq; it writes the in-dialog requests that peer sends (RFC 3261 section 12.2.1.1), to Sotto's
 * Contact.
 */
final class PeerDialog {
    private final B2buaFixture fixture;
    final String callId;
    final int port;
    private final String local;
    private final String remote;
    private final String localTag;
    private final String remoteTag;
    private long cseq;

    PeerDialog(B2buaFixture fixture, String callId, int port, Header local, Header remote, long cseq) {
        this.fixture = fixture;
        this.callId = callId;
        this.port = port;
        this.local = LegMessages.valueOf(local);
        this.remote = LegMessages.valueOf(remote);
        this.localTag = ((Parameters) local).getParameter("tag");
        this.remoteTag = ((Parameters) remote).getParameter("tag");
        this.cseq = cseq;
    }

    /** This dialog as its peer names it in a Replaces (RFC 3891 section 6.1), unescaped: Sotto's tag is the to-tag. */
    String replaces() {
        return callId + ";to-tag=" + remoteTag + ";from-tag=" + localTag;
    }

    /**
     * The next request of {@code method} in this dialog, with an SDP body when {@code sdp} is not
     * null and {@code headers} ("Name: value") besides the dialog's.
     */
    Request request(String method, String sdp, String... headers) {
        return request(method, ++cseq, sdp, headers);
    }

    /** The ACK of the INVITE answered last (RFC 3261 section 13.2.2.4: its CSeq number). */
    Request ack() {
        return request(Request.ACK, cseq, null);
    }

    private Request request(String method, long number, String sdp, String... headers) {
        String body = sdp == null ? "" : sdp;
        String extra = headers.length == 0 ? "" : String.join("\r\n", headers) + "\r\n";
        return fixture.parse(method + " sip:sotto@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=" + fixture.branch() + "\r\n"
                + "From: " + local + "\r\n"
                + "To: " + remote + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + number + " " + method + "\r\n"
                + "Contact: <sip:peer@127.0.0.1:" + port + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + extra
                + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n"
                + body);
    }

}
