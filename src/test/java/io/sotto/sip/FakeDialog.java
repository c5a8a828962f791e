package io.sotto.sip;

import java.text.ParseException;
import java.util.Iterator;
import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.Transaction;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A dialog as RFC 3261 section 12 has it, without a stack: made by the INVITE that starts it,
 * early on a provisional answer with a To tag, confirmed on a 2xx, ended by a BYE or a failure.
 * It builds in-dialog requests (section 12.2.1.1) and, like JAIN-SIP's, refuses a second INVITE
 * while one is pending in either direction (section 14.1). No route set: the tests' peers send
 * no Record-Route.
 */
final class FakeDialog implements Dialog {
    private static final long serialVersionUID = 1L;

    private final transient FakeSipProvider provider;
    private final boolean server;
    private final transient CallIdHeader callId;
    private final transient Address localParty;
    private final transient Address remoteParty;
    private transient URI remoteTarget;
    private String localTag;
    private String remoteTag;
    private long localCSeq;
    private transient DialogState state;
    private transient ClientTransaction pendingInviteOut;
    private transient Transaction pendingInviteIn;

    private FakeDialog(FakeSipProvider provider, boolean server, Request invite, Address localParty,
                       String localTag, Address remoteParty, String remoteTag, URI remoteTarget, long localCSeq) {
        this.provider = provider;
        this.server = server;
        this.callId = (CallIdHeader) invite.getHeader(CallIdHeader.NAME);
        this.localParty = localParty;
        this.localTag = localTag;
        this.remoteParty = remoteParty;
        this.remoteTag = remoteTag;
        this.remoteTarget = remoteTarget;
        this.localCSeq = localCSeq;
    }

    /** The dialog of an INVITE Sotto received: Sotto is its UAS. */
    static FakeDialog ofReceived(FakeSipProvider provider, Request invite) {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) invite.getHeader(ToHeader.NAME);
        ContactHeader contact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        return new FakeDialog(provider, true, invite, to.getAddress(), null, from.getAddress(), from.getTag(),
                contact.getAddress().getURI(), 0);
    }

    /** The dialog of an INVITE Sotto sends: Sotto is its UAC. */
    static FakeDialog ofSent(FakeSipProvider provider, Request invite) {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) invite.getHeader(ToHeader.NAME);
        return new FakeDialog(provider, false, invite, from.getAddress(), from.getTag(), to.getAddress(), null,
                invite.getRequestURI(), LegMessages.cseqOf(invite));
    }

    /** Sotto answered the INVITE that made this dialog. */
    void answered(Response response) {
        formedBy(response, ((ToHeader) response.getHeader(ToHeader.NAME)).getTag(), true);
    }

    /** The peer answered the INVITE Sotto sent, which made this dialog. */
    void answeredByPeer(Response response) {
        formedBy(response, ((ToHeader) response.getHeader(ToHeader.NAME)).getTag(), false);
    }

    private void formedBy(Response response, String tag, boolean local) {
        int status = response.getStatusCode();
        if (state == DialogState.CONFIRMED || state == DialogState.TERMINATED) {
            return;
        }
        if (status >= 300) {
            state = DialogState.TERMINATED;
            return;
        }
        if (status == 100 || tag == null) {
            return;
        }
        if (local) {
            localTag = tag;
        } else {
            remoteTag = tag;
            ContactHeader contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
            if (contact != null) {
                remoteTarget = contact.getAddress().getURI();
            }
        }
        state = status < 200 ? DialogState.EARLY : DialogState.CONFIRMED;
    }

    /** An INVITE transaction of this dialog, either way, has its final answer. */
    void inviteDone(Transaction tx) {
        if (pendingInviteOut == tx) {
            pendingInviteOut = null;
        }
        if (pendingInviteIn == tx) {
            pendingInviteIn = null;
        }
    }

    /** A re-INVITE from the peer: no INVITE of Sotto's may start until it is answered. */
    void inviteReceived(Transaction tx) {
        pendingInviteIn = tx;
    }

    void ended() {
        state = DialogState.TERMINATED;
    }

    @Override
    public Request createRequest(String method) throws SipException {
        if (Request.ACK.equals(method) || Request.CANCEL.equals(method)) {
            throw new SipException("RFC 3261 section 12.2.1.1: no " + method + " from createRequest");
        }
        if (state != DialogState.EARLY && state != DialogState.CONFIRMED) {
            throw new SipException("no dialog to send " + method + " in: " + state);
        }
        try {
            return request(method, ++localCSeq);
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipException(e.getMessage(), e);
        }
    }

    @Override
    public Request createAck(long cseq) throws InvalidArgumentException, SipException {
        try {
            return request(Request.ACK, cseq);
        } catch (ParseException e) {
            throw new SipException(e.getMessage(), e);
        }
    }

    private Request request(String method, long cseq) throws ParseException, InvalidArgumentException {
        FromHeader from = provider.headers.createFromHeader(localParty, localTag);
        ToHeader to = provider.headers.createToHeader(remoteParty, remoteTag);
        return provider.messages.createRequest((URI) remoteTarget.clone(), method, callId,
                provider.headers.createCSeqHeader(cseq, method), from, to,
                List.of(provider.headers.createViaHeader("127.0.0.1", 5060, "udp", null)),
                provider.headers.createMaxForwardsHeader(70));
    }

    @Override
    public void sendRequest(ClientTransaction tx) throws SipException {
        boolean invite = Request.INVITE.equals(tx.getRequest().getMethod());
        if (invite && (pendingInviteOut != null || pendingInviteIn != null)) {
            throw new SipException("RFC 3261 section 14.1: an INVITE is pending in this dialog");
        }
        if (invite) {
            pendingInviteOut = tx;
        }
        ((FakeClientTransaction) tx).send();
        if (Request.BYE.equals(tx.getRequest().getMethod())) {
            state = DialogState.TERMINATED;
        }
    }

    @Override
    public void sendAck(Request ack) {
        provider.sent(ack);
    }

    @Override
    public DialogState getState() {
        return state;
    }

    @Override
    public CallIdHeader getCallId() {
        return callId;
    }

    @Override
    public String getLocalTag() {
        return localTag;
    }

    @Override
    public String getRemoteTag() {
        return remoteTag;
    }

    @Override
    public boolean isServer() {
        return server;
    }

    @Override
    public Address getLocalParty() {
        return localParty;
    }

    @Override
    public Address getRemoteParty() {
        return remoteParty;
    }

    @Override
    public Address getRemoteTarget() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDialogId() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getLocalSequenceNumber() {
        throw new UnsupportedOperationException();
    }

    @Override
    public long getLocalSeqNumber() {
        return localCSeq;
    }

    @Override
    public int getRemoteSequenceNumber() {
        throw new UnsupportedOperationException();
    }

    @Override
    public long getRemoteSeqNumber() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterator getRouteSet() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public void incrementLocalSequenceNumber() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Response createReliableProvisionalResponse(int statusCode) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendReliableProvisionalResponse(Response relResponse) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Request createPrack(Response relResponse) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Transaction getFirstTransaction() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setApplicationData(Object applicationData) {
        throw new UnsupportedOperationException("Sotto keeps no state in dialogs (STYLE.md)");
    }

    @Override
    public Object getApplicationData() {
        throw new UnsupportedOperationException("Sotto keeps no state in dialogs (STYLE.md)");
    }

    @Override
    public void terminateOnBye(boolean terminateFlag) {
        throw new UnsupportedOperationException();
    }
}
