package io.sotto.sip;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.PeerUnavailableException;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.Transaction;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The part of JAIN-SIP's provider the B2BUA sends through, without a stack or a socket: new
 * Call-IDs and transactions (with their dialogs, as automatic dialog support makes them) and
 * stateless answers. Everything Sotto sends is kept, in order, for the test to read. Messages are
 * JAIN-SIP's own, from its factories.
 */
final class FakeSipProvider implements SipProvider {
    final MessageFactory messages;
    final HeaderFactory headers;
    final AddressFactory addresses;
    private final List<Message> sent = new ArrayList<>();
    private final Map<Request, FakeClientTransaction> clientTransactions = new IdentityHashMap<>();
    private final Map<String, FakeDialog> dialogs = new HashMap<>();
    /** RFC 3261 section 17.2.3: a request with a branch already seen is a retransmission. */
    private final Set<String> serverBranches = new HashSet<>();
    private int callIds;

    FakeSipProvider() {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        try {
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }

    void sent(Message message, Transaction on) {
        sent.add(message);
        if (on instanceof FakeClientTransaction tx) {
            clientTransactions.put((Request) message, tx);
        }
    }

    void sent(Message message) {
        sent(message, null);
    }

    /** Every message Sotto sent, in order. */
    List<Message> sent() {
        return List.copyOf(sent);
    }

    /** The requests of {@code method} Sotto sent, in order. */
    List<Request> requests(String method) {
        List<Request> requests = new ArrayList<>();
        for (Message message : sent) {
            if (message instanceof Request request && request.getMethod().equals(method)) {
                requests.add(request);
            }
        }
        return requests;
    }

    /** The answers Sotto sent on the dialog or transaction of {@code callId} to requests of {@code method}. */
    List<Response> responses(String callId, String method) {
        List<Response> responses = new ArrayList<>();
        for (Message message : sent) {
            if (message instanceof Response response && LegMessages.callIdOf(response).equals(callId)
                    && ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod().equals(method)) {
                responses.add(response);
            }
        }
        return responses;
    }

    /** The transaction Sotto sent {@code request} on. */
    FakeClientTransaction transactionOf(Request request) {
        FakeClientTransaction tx = clientTransactions.get(request);
        if (tx == null) {
            throw new AssertionError("Sotto sent no transaction with " + request.getMethod());
        }
        return tx;
    }

    /** The dialog of Call-ID {@code callId}, as the stack would hand it with an in-dialog request. */
    FakeDialog dialog(String callId) {
        return dialogs.get(callId);
    }

    @Override
    public CallIdHeader getNewCallId() {
        try {
            return headers.createCallIdHeader("sotto-" + ++callIds + "@127.0.0.1");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ClientTransaction getNewClientTransaction(Request request) {
        String callId = LegMessages.callIdOf(request);
        FakeDialog dialog = dialogs.get(callId);
        if (dialog == null && Request.INVITE.equals(request.getMethod()) && !inDialog(request)) {
            dialog = FakeDialog.ofSent(this, request);
            dialogs.put(callId, dialog);
        }
        return new FakeClientTransaction(this, request, dialog);
    }

    @Override
    public ServerTransaction getNewServerTransaction(Request request) throws TransactionAlreadyExistsException {
        String branch = ((ViaHeader) request.getHeader(ViaHeader.NAME)).getBranch() + " " + request.getMethod();
        if (!serverBranches.add(branch)) {
            throw new TransactionAlreadyExistsException(branch);
        }
        String callId = LegMessages.callIdOf(request);
        FakeDialog dialog = dialogs.get(callId);
        if (dialog == null && Request.INVITE.equals(request.getMethod()) && !inDialog(request)) {
            dialog = FakeDialog.ofReceived(this, request);
            dialogs.put(callId, dialog);
        }
        FakeServerTransaction tx = new FakeServerTransaction(this, request, dialog);
        if (dialog != null && inDialog(request) && Request.INVITE.equals(request.getMethod())) {
            dialog.inviteReceived(tx);
        }
        return tx;
    }

    private static boolean inDialog(Request request) {
        return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
    }

    @Override
    public void sendResponse(Response response) {
        sent(response);
    }

    @Override
    public void sendRequest(Request request) {
        throw new UnsupportedOperationException("Sotto sends no request outside a transaction");
    }

    @Override
    public void addSipListener(SipListener listener) {
        throw new UnsupportedOperationException("the test hands events to the B2BUA itself");
    }

    @Override
    public void removeSipListener(SipListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SipStack getSipStack() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ListeningPoint getListeningPoint() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ListeningPoint[] getListeningPoints() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setListeningPoint(ListeningPoint listeningPoint) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addListeningPoint(ListeningPoint listeningPoint) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ListeningPoint getListeningPoint(String transport) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeListeningPoint(ListeningPoint listeningPoint) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Dialog getNewDialog(Transaction transaction) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setAutomaticDialogSupportEnabled(boolean flag) {
        throw new UnsupportedOperationException();
    }
}
