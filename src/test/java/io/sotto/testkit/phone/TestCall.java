package io.sotto.testkit.phone;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One call of a {@link TestPhone}: its INVITE dialog, SDP offer/answer and RTP endpoint.
 *
 * <p>Test threads call the public methods; requests that expect a response block until the final
 * one (bounded by the phone's reply timeout). The phone's SIP listener thread calls the
 * package-private {@code on*} methods. In the dialog the call answers BYE, INFO, NOTIFY, OPTIONS
 * and UPDATE with 200, re-INVITE with 200 and an SDP answer, REFER as {@link ReferTransferee}
 * does, anything else with 501. Every wait is bounded and fails with what the call received.
 */
public final class TestCall {
    private static final List<Codec> ALL_CODECS = List.of(Codec.PCMU, Codec.PCMA, Codec.TELEPHONE_EVENT);

    private final TestPhone phone;
    private final PhoneSipStack sip;
    private final String callId;
    private final String localUser;
    private final String transport;
    private final RtpEndpoint rtp;
    private final OfferAnswer media;
    private final Waiter waiter = new Waiter();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<TestCall> referredCalls = new CopyOnWriteArrayList<>();
    private final Set<CallState> reached = Collections.synchronizedSet(EnumSet.noneOf(CallState.class));
    private InviteClient client;
    private InviteServer server;
    private volatile List<Codec> acceptedCodecs = ALL_CODECS;
    private volatile Dialog dialog;
    private volatile CallState state;
    private volatile String endReason;
    /** re-INVITEs and UPDATEs held unanswered, and how the next ones are answered; under its own lock. */
    private final List<HeldOffer> heldOffers = new ArrayList<>();
    private boolean holdingOffers;
    private int offersToRefuse;
    private int refusalStatus;

    private TestCall(TestPhone phone, PhoneSipStack sip, String callId, String localUser, String transport, CallState initial) {
        this.phone = phone;
        this.sip = sip;
        this.callId = callId;
        this.localUser = localUser;
        this.transport = transport;
        this.rtp = RtpEndpoint.open(sip.address, "testphone-" + phone.name(), () -> media().telephoneEventPayloadType());
        this.media = new OfferAnswer(sip.address, rtp.port());
        this.state = initial;
        reached.add(initial);
    }

    static TestCall outgoing(TestPhone phone, PhoneSipStack sip, String requestUri, InviteOptions options, Consumer<SipReply> onFinal) {
        String user = options.fromUser() != null ? options.fromUser() : phone.name();
        Request invite = sip.newRequest(Request.INVITE, requestUri, user);
        TestCall call = new TestCall(phone, sip, SipText.callId(invite), user, sip.transport, CallState.CALLING);
        call.acceptedCodecs = options.codecs();
        call.client = new InviteClient(call, sip, invite, options, onFinal);
        return call;
    }

    static TestCall incoming(TestPhone phone, PhoneSipStack sip, Received arrival, ServerTransaction transaction) {
        Request invite = (Request) arrival.message();
        String transport = ((ViaHeader) invite.getHeader(ViaHeader.NAME)).getTransport();
        TestCall call = new TestCall(phone, sip, SipText.callId(invite), phone.name(), transport, CallState.INCOMING);
        call.server = new InviteServer(call, sip, invite, transaction, transport);
        call.dialog = transaction.getDialog();
        call.received.add(arrival);
        return call;
    }

    void start() {
        client.send();
    }

    // ---- identity and state ------------------------------------------------------------------

    public String callId() {
        return callId;
    }

    public boolean isOutgoing() {
        return client != null;
    }

    public CallState state() {
        return state;
    }

    /** Why the call ended ("BYE received", "INVITE answered 486 Busy Here", ...), null while it lasts. */
    public String endReason() {
        return endReason;
    }

    /** The JAIN-SIP dialog, for checks this class does not offer (tags, remote target, CSeq). */
    public Dialog dialog() {
        return dialog;
    }

    /** Waits until the call has been in {@code expected} (it may have moved on since). */
    public void awaitState(CallState expected, Duration timeout) {
        waiter.await(() -> reached.contains(expected) ? Boolean.TRUE : null, timeout,
                () -> "call did not reach " + expected + ": " + describe());
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The first request of {@code method} this call received, waiting for it if needed. */
    public Received awaitRequest(String method, Duration timeout) {
        return waiter.await(() -> firstReceived(r -> r.isRequest() && r.method().equals(method)), timeout,
                () -> "no " + method + " received: " + describe());
    }

    /** The first {@code count} requests of {@code method} this call received, waiting for them if needed. */
    public List<Received> awaitRequests(String method, int count, Duration timeout) {
        return waiter.await(() -> {
            List<Received> matching = received().stream().filter(r -> r.isRequest() && r.method().equals(method)).toList();
            return matching.size() >= count ? matching.subList(0, count) : null;
        }, timeout, () -> "expected " + count + " " + method + " requests: " + describe());
    }

    public Received awaitBye(Duration timeout) {
        return awaitRequest(Request.BYE, timeout);
    }

    /** The first NOTIFY whose body (a sipfrag for REFER) contains {@code bodyContains}. */
    public Received awaitNotify(String bodyContains, Duration timeout) {
        return waiter.await(() -> firstReceived(r -> r.isRequest() && r.method().equals(Request.NOTIFY) && r.body().contains(bodyContains)),
                timeout, () -> "no NOTIFY with '" + bodyContains + "' received: " + describe());
    }

    public List<String> notifyBodies() {
        return received().stream().filter(r -> r.isRequest() && r.method().equals(Request.NOTIFY)).map(Received::body).toList();
    }

    // ---- calling side --------------------------------------------------------------------------

    /** The INVITE this call sent. */
    public Request sentInvite() {
        return requireClient().invite();
    }

    public SipReply awaitFinalResponse(Duration timeout) {
        return requireClient().awaitFinal(timeout);
    }

    /** CANCELs the INVITE once it got a provisional response; returns the reply to the CANCEL. */
    public SipReply cancel() {
        return requireClient().cancel(phone.replyTimeout());
    }

    // ---- called side ---------------------------------------------------------------------------

    /** The INVITE that started this incoming call. */
    public Request invite() {
        return requireServer().invite();
    }

    public void ringing() {
        requireServer().ringing();
    }

    /** 183 Session Progress with the SDP answer: early media. */
    public void sessionProgress() {
        requireServer().sessionProgress(AnswerOptions.defaults());
    }

    public void answer() {
        answer(AnswerOptions.defaults());
    }

    public void answer(AnswerOptions options) {
        requireServer().answer(options);
    }

    /** The INVITE's final response once more, as a retransmission (its ACK is then sent again too). */
    public void resendFinalResponse() {
        requireServer().resendFinal();
    }

    public void reject(int status) {
        requireServer().reject(status);
    }

    // ---- in the dialog -----------------------------------------------------------------------

    public SipReply info(String contentType, String body) {
        return info(Map.of(), contentType, body);
    }

    /** INFO with extra headers and an optional body ({@code contentType} null sends none). */
    public SipReply info(Map<String, String> headers, String contentType, String body) {
        Request info = newInDialogRequest(Request.INFO);
        headers.forEach((name, value) -> sip.addHeader(info, name, value));
        if (contentType != null) {
            sip.setBody(info, contentType, body == null ? "" : body);
        }
        return send(info);
    }

    /** re-INVITE offering the negotiated formats with {@code direction} (sendonly = hold). */
    public SipReply reinvite(Direction direction) {
        List<SdpFormat> formats = media.negotiated().isEmpty() ? InviteOptions.defaults().formats() : media.negotiated();
        Request invite = newInDialogRequest(Request.INVITE);
        invite.setHeader(sip.contact(localUser, transport));
        sip.setBody(invite, "application/sdp", media.offer(formats, direction).text());
        return send(invite);
    }

    /**
     * re-INVITE without SDP, as a B2BUA bridging a transfer sends it (RFC 3725 flow I): the 2xx
     * carries the far end's offer and the ACK this phone's answer.
     */
    /** Leaves the re-INVITEs and UPDATEs that arrive from now on unanswered, until {@link #releaseOffers()}. */
    public void holdOffers() {
        synchronized (heldOffers) {
            holdingOffers = true;
        }
    }

    /** Answers the held re-INVITEs and UPDATEs (200 with an SDP answer) and answers the next ones at once. */
    public void releaseOffers() {
        List<HeldOffer> release;
        synchronized (heldOffers) {
            holdingOffers = false;
            release = List.copyOf(heldOffers);
            heldOffers.clear();
        }
        release.forEach(held -> answerOffer(held.event(), held.transaction()));
    }

    /** Answers the next {@code count} re-INVITEs or UPDATEs with {@code status} (e.g. 491 Request Pending). */
    public void refuseOffers(int status, int count) {
        synchronized (heldOffers) {
            refusalStatus = status;
            offersToRefuse = count;
        }
    }

    public SipReply reinviteWithoutSdp() {
        Request invite = newInDialogRequest(Request.INVITE);
        invite.setHeader(sip.contact(localUser, transport));
        return send(invite);
    }

    /** REFER for a blind transfer to {@code referTo} (a SIP URI, optionally in angle brackets). */
    public SipReply refer(String referTo) {
        return refer(referTo, Map.of());
    }

    /** REFER to {@code referTo} with extra headers (e.g. {@code Refer-Sub: false}, RFC 4488). */
    public SipReply refer(String referTo, Map<String, String> headers) {
        Request refer = newInDialogRequest(Request.REFER);
        headers.forEach((name, value) -> sip.addHeader(refer, name, value));
        sip.addHeader(refer, "Refer-To", referTo.startsWith("<") ? referTo : "<" + referTo + ">");
        sip.addHeader(refer, "Referred-By", "<sip:" + localUser + "@" + sip.address + ">");
        return send(refer);
    }

    /**
     * REFER for an attended transfer: Refer-To {@code target} with a Replaces header naming the
     * {@code consultation} call's dialog, tags as its far end sees them (RFC 3891 section 3).
     */
    public SipReply referReplacing(String target, TestCall consultation) {
        Dialog replaced = consultation.requireDialog();
        String replaces = consultation.callId() + ";to-tag=" + replaced.getRemoteTag() + ";from-tag=" + replaced.getLocalTag();
        return refer(ReferTarget.withReplaces(target, replaces));
    }

    public SipReply bye() {
        return send(newInDialogRequest(Request.BYE));
    }

    /** The call this phone made to carry out a REFER it received. */
    public TestCall awaitReferredCall(Duration timeout) {
        return waiter.await(() -> referredCalls.isEmpty() ? null : referredCalls.get(0), timeout,
                () -> "no call made for a REFER: " + describe());
    }

    // ---- media ---------------------------------------------------------------------------------

    public Sdp localSdp() {
        return media.local();
    }

    public Sdp remoteSdp() {
        return media.remote();
    }

    public InetSocketAddress remoteRtpAddress() {
        Sdp remote = media.remote();
        return remote == null ? null : remote.rtpAddress();
    }

    public int localRtpPort() {
        return rtp.port();
    }

    public RtpSender rtp() {
        return rtp.sender();
    }

    public RtpReceiver rtpReceiver() {
        return rtp.receiver();
    }

    @Override
    public String toString() {
        return describe();
    }

    // ---- for the phone's listener thread and the role classes ----------------------------------

    /** Handles an in-dialog request; it is recorded after, so a test that sees it sees the reaction too. */
    void onRequest(RequestEvent event, Received request) {
        try {
            switch (event.getRequest().getMethod()) {
                case Request.ACK -> onAck(event.getRequest());
                case Request.CANCEL -> requireServer().onCancel(event);
                case Request.BYE -> {
                    respond(event, Response.OK, null);
                    enter(CallState.TERMINATED, "BYE received");
                }
                case Request.INVITE, Request.UPDATE -> onOffer(event);
                case Request.REFER -> ReferTransferee.onRefer(this, event);
                case Request.INFO, Request.NOTIFY, Request.OPTIONS, Request.MESSAGE -> respond(event, Response.OK, null);
                default -> respond(event, Response.NOT_IMPLEMENTED, null);
            }
        } finally {
            received.add(request);
            waiter.changed();
        }
    }

    /**
     * Handles a response; it is recorded first, so a test that sees the state it caused (a 200
     * confirming the call) sees the response too.
     */
    void onResponse(ResponseEvent event, Received response) {
        received.add(response);
        try {
            ClientTransaction transaction = event.getClientTransaction();
            if (client != null && client.owns(transaction)) {
                client.onResponse(event);
            } else if (transaction != null && event.getResponse().getStatusCode() >= 200) {
                onFinalResponse(transaction, event);
            }
        } finally {
            waiter.changed();
        }
    }

    /** A request of this call got no final response (timer expiry or transport error). */
    void onNoResponse(ClientTransaction transaction, SipReply local) {
        if (client != null && client.owns(transaction)) {
            client.onNoResponse(local);
        } else if (Request.BYE.equals(transaction.getRequest().getMethod())) {
            enter(CallState.TERMINATED, "BYE sent, no response: " + local);
        }
        waiter.changed();
    }

    void enter(CallState next, String reason) {
        synchronized (this) {
            if (state == CallState.TERMINATED) {
                return;
            }
            state = next;
            reached.add(next);
            if (next == CallState.TERMINATED) {
                endReason = reason;
            }
        }
        if (next == CallState.TERMINATED) {
            rtp.sender().stop();
        }
        waiter.changed();
    }

    void respond(RequestEvent event, int status, Sdp body) {
        respond(phone.serverTransaction(event), event.getRequest(), status, body);
    }

    private void respond(ServerTransaction transaction, Request request, int status, Sdp body) {
        if (transaction == null) {
            return;
        }
        Response response = Checked.get("building " + status, () -> sip.messages.createResponse(status, request));
        if (status < 300 && (Request.INVITE.equals(request.getMethod()) || Request.UPDATE.equals(request.getMethod()))) {
            response.setHeader(sip.contact(localUser, transport));
        }
        if (body != null) {
            sip.setBody(response, "application/sdp", body.text());
        }
        Checked.run("sending " + status + " to " + request.getMethod(), () -> transaction.sendResponse(response));
    }

    Request newInDialogRequest(String method) {
        Dialog current = requireDialog();
        return Checked.get("creating " + method + " in dialog " + callId, () -> current.createRequest(method));
    }

    CompletableFuture<SipReply> sendAsync(Request request) {
        Dialog current = requireDialog();
        return Checked.get("sending " + request.getMethod() + " on call " + callId, () -> {
            ClientTransaction transaction = sip.provider.getNewClientTransaction(request);
            CompletableFuture<SipReply> reply = phone.pending().register(transaction);
            current.sendRequest(transaction);
            return reply;
        });
    }

    SipReply sendAndAwait(String what, Checked.Action<CompletableFuture<SipReply>> sending) {
        return PendingRequests.await(Checked.get("sending " + what, sending), what + " on call " + callId,
                phone.replyTimeout(), this::describe);
    }

    void sendAck(Dialog responseDialog, Response response, Sdp answer) {
        Dialog target = responseDialog != null ? responseDialog : requireDialog();
        Checked.run("ACKing " + response.getStatusCode(), () -> {
            Request ack = target.createAck(SipText.cseq(response).getSeqNumber());
            if (answer != null) {
                sip.setBody(ack, "application/sdp", answer.text());
            }
            target.sendAck(ack);
        });
    }

    void sendByeWithoutWaiting() {
        sendAsync(newInDialogRequest(Request.BYE));
    }

    void mediaChanged() {
        rtp.sender().retarget(media.target());
    }

    void dialog(Dialog current) {
        if (current != null) {
            dialog = current;
        }
    }

    void acceptCodecs(List<Codec> codecs) {
        acceptedCodecs = List.copyOf(codecs);
    }

    void referred(TestCall transfer) {
        referredCalls.add(transfer);
        waiter.changed();
    }

    boolean matchesDialog(String localTag, String remoteTag) {
        Dialog current = dialog;
        return current != null && localTag.equals(current.getLocalTag()) && remoteTag.equals(current.getRemoteTag());
    }

    void closeMedia() {
        rtp.close();
    }

    TestPhone phone() {
        return phone;
    }

    PhoneSipStack sip() {
        return sip;
    }

    OfferAnswer media() {
        return media;
    }

    Waiter waiter() {
        return waiter;
    }

    String localUser() {
        return localUser;
    }

    String describe() {
        return "call " + callId + " (" + (isOutgoing() ? "outgoing" : "incoming") + " on " + phone.name() + ") in "
                + state + (endReason == null ? "" : " [" + endReason + "]") + "; received " + received();
    }

    private void onAck(Request ack) {
        if (SipText.hasSdp(ack)) {
            media.answerReceived(Sdp.parse(SipText.body(ack)));
            mediaChanged();
        }
        if (server != null && server.answered()) {
            enter(CallState.CONFIRMED, null);
        }
    }

    /** re-INVITE or UPDATE: held, refused or answered, as the test asked. */
    private void onOffer(RequestEvent event) {
        int refusal = 0;
        synchronized (heldOffers) {
            if (offersToRefuse > 0) {
                offersToRefuse--;
                refusal = refusalStatus;
            } else if (holdingOffers) {
                // the server transaction must exist before the listener returns, or the stack answers
                heldOffers.add(new HeldOffer(event, phone.serverTransaction(event)));
                return;
            }
        }
        if (refusal != 0) {
            respond(event, refusal, null);
            return;
        }
        answerOffer(event, phone.serverTransaction(event));
    }

    /** Answers an offer, or offers when it had none (the ACK brings the answer). */
    private void answerOffer(RequestEvent event, ServerTransaction transaction) {
        Request request = event.getRequest();
        Sdp body = null;
        if (SipText.hasSdp(request)) {
            body = media.answer(Sdp.parse(SipText.body(request)), acceptedCodecs);
        } else if (Request.INVITE.equals(request.getMethod())) {
            body = media.offer(media.negotiated(), Direction.SENDRECV);
        }
        respond(transaction, request, Response.OK, body);
        mediaChanged();
    }

    private void onFinalResponse(ClientTransaction transaction, ResponseEvent event) {
        Response response = event.getResponse();
        String method = transaction.getRequest().getMethod();
        if (Request.INVITE.equals(method) && response.getStatusCode() < 300) {
            Sdp ackAnswer = null;
            if (SipText.hasSdp(response)) {
                Sdp remote = Sdp.parse(SipText.body(response));
                if (SipText.hasSdp(transaction.getRequest())) {
                    media.answerReceived(remote);
                } else {
                    ackAnswer = media.answer(remote, acceptedCodecs);
                }
            }
            sendAck(event.getDialog(), response, ackAnswer);
            mediaChanged();
        } else if (Request.BYE.equals(method)) {
            enter(CallState.TERMINATED, "BYE sent, answered " + response.getStatusCode() + " " + response.getReasonPhrase());
        }
    }

    private record HeldOffer(RequestEvent event, ServerTransaction transaction) {
    }

    private Received firstReceived(Predicate<Received> wanted) {
        synchronized (received) {
            for (Received candidate : received) {
                if (wanted.test(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private SipReply send(Request request) {
        return PendingRequests.await(sendAsync(request), request.getMethod() + " on call " + callId,
                phone.replyTimeout(), this::describe);
    }

    private Dialog requireDialog() {
        Dialog current = dialog;
        if (current == null) {
            throw new IllegalStateException("no dialog yet: " + describe());
        }
        return current;
    }

    private InviteClient requireClient() {
        if (client == null) {
            throw new IllegalStateException("only a call this phone made has this; " + describe());
        }
        return client;
    }

    private InviteServer requireServer() {
        if (server == null) {
            throw new IllegalStateException("only a call this phone received has this; " + describe());
        }
        return server;
    }
}
