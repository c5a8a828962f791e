package io.sotto.testkit.phone;

import java.time.Instant;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** A SIP request or response a phone received, with its arrival time. */
public record Received(Instant at, Message message) {

    public boolean isRequest() {
        return message instanceof Request;
    }

    /** The request method, or for a response the method in its CSeq. */
    public String method() {
        return message instanceof Request request ? request.getMethod() : SipText.cseq(message).getMethod();
    }

    /** The status code of a response, 0 for a request. */
    public int status() {
        return message instanceof Response response ? response.getStatusCode() : 0;
    }

    public String callId() {
        return SipText.callId(message);
    }

    public String header(String name) {
        return SipText.header(message, name);
    }

    public String body() {
        return SipText.body(message);
    }

    @Override
    public String toString() {
        if (message instanceof Response response) {
            return response.getStatusCode() + " " + response.getReasonPhrase() + " (" + method() + ")";
        }
        return method() + " " + ((Request) message).getRequestURI();
    }
}
