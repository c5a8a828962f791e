package io.sotto.sip;

import javax.sip.SipException;
import javax.sip.ServerTransaction;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A request Sotto received, without a socket: each answer is recorded with the provider, moves the
 * transaction's state as RFC 3261 section 17.2 does, and forms or ends its dialog. A second final
 * answer is refused, as the stack refuses it.
 */
final class FakeServerTransaction extends FakeTransaction implements ServerTransaction {

    FakeServerTransaction(FakeSipProvider provider, Request request, FakeDialog dialog) {
        super(provider, request, dialog);
        this.state = isInvite() ? TransactionState.PROCEEDING : TransactionState.TRYING;
    }

    @Override
    public void sendResponse(Response response) throws SipException {
        if (ServerTransactions.answered(this)) {
            throw new SipException(request.getMethod() + " already answered: " + state);
        }
        int status = response.getStatusCode();
        advance(response);
        if (formsDialog) {
            dialog.answered(response);
        }
        if (dialog != null && isInvite() && status >= 200) {
            dialog.inviteDone(this);
        }
        if (dialog != null && Request.BYE.equals(request.getMethod()) && status >= 200 && status < 300) {
            dialog.ended();
        }
        provider.sent(response, this);
    }

    @Override
    public void enableRetransmissionAlerts() {
        throw new UnsupportedOperationException();
    }
}
