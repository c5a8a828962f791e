package io.sotto.sip;

import java.text.ParseException;
import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
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
final class FakeClientTransaction implements ClientTransaction {
    private static final long serialVersionUID = 1L;

    private final transient FakeSipProvider provider;
    private final transient Request request;
    private final transient FakeDialog dialog;
    private final boolean formsDialog;
    private transient TransactionState state;
    private boolean provisionalReceived;

    FakeClientTransaction(FakeSipProvider provider, Request request, FakeDialog dialog) {
        this.provider = provider;
        this.request = request;
        this.dialog = dialog;
        this.formsDialog = dialog != null && Request.INVITE.equals(request.getMethod())
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null;
    }

    @Override
    public void sendRequest() throws SipException {
        send();
    }

    void send() throws SipException {
        if (state != null) {
            throw new SipException("already sent");
        }
        state = Request.INVITE.equals(request.getMethod()) ? TransactionState.CALLING : TransactionState.TRYING;
        provider.sent(request, this);
    }

    /** The peer's answer reaches the transaction (and its dialog) before the listener. */
    void answered(Response response) {
        int status = response.getStatusCode();
        boolean invite = Request.INVITE.equals(request.getMethod());
        if (status < 200) {
            provisionalReceived = true;
            state = TransactionState.PROCEEDING;
        } else {
            state = invite && status < 300 ? TransactionState.TERMINATED : TransactionState.COMPLETED;
        }
        if (formsDialog) {
            dialog.answeredByPeer(response);
        }
        if (dialog != null && invite && status >= 200) {
            dialog.inviteDone(this);
        }
        if (dialog != null && Request.BYE.equals(request.getMethod()) && status >= 200) {
            dialog.ended();
        }
    }

    /** RFC 3261 section 9.1: the CANCEL matches the INVITE, and is sent only once it is ringing. */
    @Override
    public Request createCancel() throws SipException {
        if (!Request.INVITE.equals(request.getMethod())) {
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
