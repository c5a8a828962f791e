package io.sotto.testkit.phone;

import java.util.List;
import java.util.Map;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The called side of a call's initial INVITE (RFC 3261 section 13.3): rings, answers with an
 * answer (or with an offer when the INVITE had none), rejects, and ends the INVITE with 487 when
 * CANCEL arrives first (section 9.2). All responses carry one To tag: one dialog.
 */
final class InviteServer {
    private final TestCall call;
    private final PhoneSipStack sip;
    private final Request invite;
    private final ServerTransaction transaction;
    private final String transport;
    private final String localTag = PhoneSipStack.newTag();
    private final Sdp offer;
    private volatile int finalStatus;
    private volatile Response finalResponse;

    InviteServer(TestCall call, PhoneSipStack sip, Request invite, ServerTransaction transaction, String transport) {
        this.call = call;
        this.sip = sip;
        this.invite = invite;
        this.transaction = transaction;
        this.transport = transport;
        this.offer = SipText.hasSdp(invite) ? Sdp.parse(SipText.body(invite)) : null;
    }

    Request invite() {
        return invite;
    }

    boolean answered() {
        return finalStatus >= 200 && finalStatus < 300;
    }

    /**
     * Sends the final response once more, outside its transaction, as a UAS whose first copy was
     * answered late (RFC 3261 section 13.3.1.4 retransmits a 2xx until the ACK comes).
     */
    void resendFinal() {
        Response response = finalResponse;
        if (response == null) {
            throw new IllegalStateException("the INVITE has no final response yet");
        }
        Checked.run("sending the " + finalStatus + " again", () -> sip.provider.sendResponse(response));
    }

    void ringing() {
        respond(Response.RINGING, null, AnswerOptions.defaults());
    }

    /** 183 with the answer, so media flows before the call is answered. */
    void sessionProgress(AnswerOptions options) {
        if (offer == null) {
            throw new IllegalStateException("the INVITE had no offer; early media needs one (no reliable 18x here)");
        }
        respond(Response.SESSION_PROGRESS, answerTo(offer, options.codecs()), options);
        call.mediaChanged();
    }

    void answer(AnswerOptions options) {
        call.acceptCodecs(options.codecs());
        Sdp body = offer != null
                ? answerTo(offer, options.codecs())
                : call.media().offer(options.codecs().stream().map(codec -> codec.format(InviteOptions.DEFAULT_TELEPHONE_EVENT)).toList(),
                        Direction.SENDRECV);
        respond(Response.OK, body, options);
        call.mediaChanged();
        String replaces = SipText.header(invite, "Replaces");
        if (replaces != null) {
            call.phone().endReplacedCall(replaces);
        }
    }

    void reject(int status) {
        if (status < 300) {
            throw new IllegalArgumentException("a rejection is 3xx-6xx, not " + status);
        }
        respond(status, null, AnswerOptions.defaults());
        call.enter(CallState.TERMINATED, "rejected with " + status);
    }

    /** 200 to the CANCEL and, if the INVITE is still open, 487 to it (RFC 3261 section 9.2). */
    void onCancel(RequestEvent event) {
        ServerTransaction cancelTransaction = call.phone().serverTransaction(event);
        if (cancelTransaction != null) {
            Response ok = Checked.get("answering CANCEL", () -> sip.messages.createResponse(Response.OK, event.getRequest()));
            tag(ok);
            Checked.run("answering CANCEL", () -> cancelTransaction.sendResponse(ok));
        }
        if (finalStatus == 0) {
            respond(Response.REQUEST_TERMINATED, null, AnswerOptions.defaults());
            call.enter(CallState.TERMINATED, "CANCEL received");
        }
    }

    private Sdp answerTo(Sdp remoteOffer, List<Codec> accepted) {
        Sdp answer = call.media().answer(remoteOffer, accepted);
        if (answer.formats().isEmpty()) {
            throw new IllegalStateException("no offered format is accepted (" + remoteOffer + "); reject(488) instead");
        }
        return answer;
    }

    private void respond(int status, Sdp body, AnswerOptions options) {
        if (finalStatus != 0) {
            throw new IllegalStateException("the INVITE was already answered with " + finalStatus);
        }
        Response response = Checked.get("building " + status, () -> sip.messages.createResponse(status, invite));
        tag(response);
        if (status < 300) {
            String user = options.contactUser() != null ? options.contactUser() : call.localUser();
            response.setHeader(sip.contact(user, transport));
            if (options.paiUser() != null) {
                sip.addAssertedIdentity(response, options.paiUser());
            }
            for (Map.Entry<String, String> header : options.headers()) {
                sip.addHeader(response, header.getKey(), header.getValue());
            }
        }
        if (body != null) {
            sip.setBody(response, "application/sdp", body.text());
        }
        Checked.run("sending " + status + " to the INVITE", () -> transaction.sendResponse(response));
        if (status >= 200) {
            finalStatus = status;
            finalResponse = response;
        } else {
            call.enter(CallState.EARLY, null);
        }
    }

    private void tag(Response response) {
        Checked.run("tagging a response", () -> ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(localTag));
    }
}
