package io.sotto.testkit.phone;

import javax.sip.message.Response;

/**
 * The final response to a request a phone sent. When no response came (transaction timeout or
 * transport error) the phone makes one up locally, with a reason saying so and no message.
 */
public record SipReply(int status, String reason, Response response) {

    static SipReply of(Response response) {
        return new SipReply(response.getStatusCode(), response.getReasonPhrase(), response);
    }

    static SipReply local(int status, String reason) {
        return new SipReply(status, reason, null);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String header(String name) {
        return response == null ? null : SipText.header(response, name);
    }

    public String body() {
        return response == null ? "" : SipText.body(response);
    }

    @Override
    public String toString() {
        return status + " " + reason + (response == null ? " (local)" : "");
    }
}
