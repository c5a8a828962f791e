package io.sotto.testkit.phone;

import java.nio.charset.StandardCharsets;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.Header;
import javax.sip.message.Message;

/** Reads header values and bodies of JAIN-SIP messages as plain text for assertions. */
final class SipText {
    private SipText() {
    }

    /** The value of the first header {@code name} as it appears after the colon, or null. */
    static String header(Message message, String name) {
        Header header = message.getHeader(name);
        if (header == null) {
            return null;
        }
        String text = header.toString().trim();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(colon + 1).trim();
    }

    static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    static boolean hasSdp(Message message) {
        String type = header(message, "Content-Type");
        return type != null && type.toLowerCase().startsWith("application/sdp") && !body(message).isBlank();
    }

    static String callId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    static CSeqHeader cseq(Message message) {
        return (CSeqHeader) message.getHeader(CSeqHeader.NAME);
    }
}
