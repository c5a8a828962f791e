package io.sotto.sip;

import javax.sip.Dialog;
import javax.sip.Transaction;
import javax.sip.TransactionState;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What the client and server fakes share: the request, its dialog, and the state an answer moves
 * the transaction to (RFC 3261 section 17: an INVITE's 2xx ends its transaction, any other final
 * answer completes it). What Sotto never asks of a transaction throws.
 */
abstract class FakeTransaction implements Transaction {
    private static final long serialVersionUID = 1L;

    final transient FakeSipProvider provider;
    final transient Request request;
    final transient FakeDialog dialog;
    /** An initial INVITE (no To tag): its answer forms the dialog. */
    final boolean formsDialog;
    transient TransactionState state;

    FakeTransaction(FakeSipProvider provider, Request request, FakeDialog dialog) {
        this.provider = provider;
        this.request = request;
        this.dialog = dialog;
        this.formsDialog = dialog != null && isInvite()
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null;
    }

    final boolean isInvite() {
        return Request.INVITE.equals(request.getMethod());
    }

    /** Moves the state for {@code response}, sent or received. */
    final void advance(Response response) {
        int status = response.getStatusCode();
        if (status < 200) {
            state = TransactionState.PROCEEDING;
        } else {
            state = isInvite() && status < 300 ? TransactionState.TERMINATED : TransactionState.COMPLETED;
        }
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
