package io.sotto.sip;

import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.ServerTransaction;
import javax.sip.TransactionState;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A request Sotto received, without a socket: each answer is recorded with the provider, moves the
 * transaction's state as RFC 3261 section 17.2 does, and forms or ends its dialog. A second final
 * answer is refused, as the stack refuses it.
 */
final class FakeServerTransaction implements ServerTransaction {
    private static final long serialVersionUID = 1L;

    private final transient FakeSipProvider provider;
    private final transient Request request;
    private final transient FakeDialog dialog;
    private final boolean formsDialog;
    private transient TransactionState state;

    FakeServerTransaction(FakeSipProvider provider, Request request, FakeDialog dialog) {
        this.provider = provider;
        this.request = request;
        this.dialog = dialog;
        this.formsDialog = dialog != null && Request.INVITE.equals(request.getMethod())
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null;
        this.state = Request.INVITE.equals(request.getMethod()) ? TransactionState.PROCEEDING
                : TransactionState.TRYING;
    }

    @Override
    public void sendResponse(Response response) throws SipException {
        if (ServerTransactions.answered(this)) {
            throw new SipException(request.getMethod() + " already answered: " + state);
        }
        int status = response.getStatusCode();
        boolean invite = Request.INVITE.equals(request.getMethod());
        if (status < 200) {
            state = TransactionState.PROCEEDING;
        } else {
            state = invite && status < 300 ? TransactionState.TERMINATED : TransactionState.COMPLETED;
        }
        if (formsDialog) {
            dialog.answered(response);
        }
        if (dialog != null && invite && status >= 200) {
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

    @Override
    public Dialog getDialog() {
        return dialog;
    }

    @Override
    public TransactionState getState() {
        return state;
    }

    @Override
    public int getRetransmitTimer() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setRetransmitTimer(int retransmitTimer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getBranchId() {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getBranch();
    }

    @Override
    public Request getRequest() {
        return request;
    }

    @Override
    public void setApplicationData(Object applicationData) {
        throw new UnsupportedOperationException("Sotto keeps no state in transactions (STYLE.md)");
    }

    @Override
    public Object getApplicationData() {
        throw new UnsupportedOperationException("Sotto keeps no state in transactions (STYLE.md)");
    }

    @Override
    public void terminate() {
        throw new UnsupportedOperationException();
    }
}
