package io.sotto.sip;

import java.text.ParseException;
import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.TransactionState;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A request Sotto sends, without a socket: sending it records it with the provider; the test
 * hands the peer's answers back through {@link #answered} before the B2BUA sees them, as the
 * stack would update the transaction and its dialog first.
 */
final class FakeClientTransaction extends FakeTransaction implements ClientTransaction {
    private boolean provisionalReceived;

    FakeClientTransaction(FakeSipProvider provider, Request request, FakeDialog dialog) {
        super(provider, request, dialog);
    }

    @Override
    public void sendRequest() throws SipException {
        send();
    }

    void send() throws SipException {
        if (state != null) {
            throw new SipException("already sent");
        }
        state = isInvite() ? TransactionState.CALLING : TransactionState.TRYING;
        provider.sent(request, this);
    }

    /** The peer's answer reaches the transaction (and its dialog) before the listener. */
    void answered(Response response) {
        int status = response.getStatusCode();
        provisionalReceived |= status < 200;
        advance(response);
        if (formsDialog) {
            dialog.answeredByPeer(response);
        }
        if (dialog != null && isInvite() && status >= 200) {
            dialog.inviteDone(this);
        }
        if (dialog != null && Request.BYE.equals(request.getMethod()) && status >= 200) {
            dialog.ended();
        }
    }

    /** RFC 3261 section 9.1: the CANCEL matches the INVITE, and is sent only once it is ringing. */
    @Override
    public Request createCancel() throws SipException {
        if (!isInvite()) {
            throw new SipException("RFC 3261 section 9.1: only an INVITE is cancelled");
        }
        if (!provisionalReceived) {
            throw new SipException("RFC 3261 section 9.1: no CANCEL before a provisional response");
        }
        try {
            return provider.messages.createRequest(request.getRequestURI(), Request.CANCEL,
                    (CallIdHeader) request.getHeader(CallIdHeader.NAME),
                    provider.headers.createCSeqHeader(LegMessages.cseqOf(request), Request.CANCEL),
                    (FromHeader) request.getHeader(FromHeader.NAME), (ToHeader) request.getHeader(ToHeader.NAME),
                    List.of((ViaHeader) request.getHeader(ViaHeader.NAME)),
                    provider.headers.createMaxForwardsHeader(70));
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipException(e.getMessage(), e);
        }
    }

    @Override
    public Request createAck() {
        throw new UnsupportedOperationException("Sotto ACKs through the dialog");
    }
}
