package io.sotto.testkit.phone;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The calling side of a call's initial INVITE (RFC 3261 section 13.2): sends it with an offer or
 * without (delayed offer), follows provisional and final responses, ACKs the 2xx (with the answer
 * when the 2xx carried the offer) and cancels on request.
 */
final class InviteClient {
    private final TestCall call;
    private final PhoneSipStack sip;
    private final Request invite;
    private final InviteOptions options;
    private final Consumer<SipReply> onFinal;
    private volatile ClientTransaction transaction;
    private volatile boolean provisionalSeen;
    private volatile SipReply finalReply;

    InviteClient(TestCall call, PhoneSipStack sip, Request invite, InviteOptions options, Consumer<SipReply> onFinal) {
        this.call = call;
        this.sip = sip;
        this.invite = invite;
        this.options = options;
        this.onFinal = onFinal;
        if (options.paiUser() != null) {
            sip.addAssertedIdentity(invite, options.paiUser());
        }
        for (Map.Entry<String, String> header : options.headers()) {
            sip.addHeader(invite, header.getKey(), header.getValue());
        }
        if (options.offerInInvite()) {
            sip.setBody(invite, "application/sdp", call.media().offer(options.formats(), options.direction()).text());
        }
    }

    void send() {
        Checked.run("sending INVITE to " + invite.getRequestURI(), () -> {
            transaction = sip.provider.getNewClientTransaction(invite);
            call.dialog(transaction.getDialog());
            transaction.sendRequest();
        });
    }

    Request invite() {
        return invite;
    }

    boolean owns(ClientTransaction candidate) {
        return candidate != null && candidate == transaction;
    }

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (event.getDialog() != null) {
            call.dialog(event.getDialog());
        }
        if (status < 200) {
            provisionalSeen = true;
            if (status > 100) {
                // Early media: an SDP in a 18x to an INVITE that offered is the answer (RFC 3261 13.2.1).
                if (options.offerInInvite() && SipText.hasSdp(response)) {
                    call.media().answerReceived(Sdp.parse(SipText.body(response)));
                    call.mediaChanged();
                }
                call.enter(CallState.EARLY, null);
            }
        } else if (status < 300) {
            if (finalReply != null) {
                return;
            }
            Sdp ackAnswer = null;
            if (SipText.hasSdp(response)) {
                Sdp remote = Sdp.parse(SipText.body(response));
                if (options.offerInInvite()) {
                    call.media().answerReceived(remote);
                } else {
                    ackAnswer = call.media().answer(remote, options.codecs());
                }
            }
            call.sendAck(event.getDialog(), response, ackAnswer);
            call.mediaChanged();
            finish(SipReply.of(response));
            call.enter(CallState.CONFIRMED, null);
        } else {
            finish(SipReply.of(response));
            call.enter(CallState.TERMINATED, "INVITE answered " + status + " " + response.getReasonPhrase());
        }
    }

    /** The transaction ended without a final response: timer B or a transport error. */
    void onNoResponse(SipReply local) {
        if (finalReply == null) {
            finish(local);
            call.enter(CallState.TERMINATED, "INVITE got no final response: " + local);
        }
    }

    /** Sends CANCEL once a provisional response arrived (RFC 3261 section 9.1) and returns its reply. */
    SipReply cancel(Duration timeout) {
        call.waiter().await(() -> provisionalSeen || finalReply != null ? Boolean.TRUE : null, timeout,
                () -> "no provisional response to the INVITE, so nothing to CANCEL yet; " + call.describe());
        if (finalReply != null) {
            throw new IllegalStateException("the INVITE was already answered " + finalReply + "; CANCEL has no effect");
        }
        return call.sendAndAwait("CANCEL", () -> {
            Request cancel = transaction.createCancel();
            ClientTransaction cancelTransaction = sip.provider.getNewClientTransaction(cancel);
            var reply = call.phone().pending().register(cancelTransaction);
            cancelTransaction.sendRequest();
            return reply;
        });
    }

    SipReply awaitFinal(Duration timeout) {
        return call.waiter().await(() -> finalReply, timeout, () -> "no final response to the INVITE; " + call.describe());
    }

    private void finish(SipReply reply) {
        finalReply = reply;
        if (onFinal != null) {
            onFinal.accept(reply);
        }
    }
}
