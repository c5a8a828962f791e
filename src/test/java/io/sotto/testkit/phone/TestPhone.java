package io.sotto.testkit.phone;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A SIP phone for end-to-end tests: one JAIN-SIP stack on UDP and TCP at one address and port,
 * calls with real RTP on their own UDP sockets, and a record of everything it received.
 *
 * <pre>{@code
 * try (TestPhone caller = TestPhone.start("caller", "127.0.0.1", 5070, "udp");
 *      TestPhone callee = TestPhone.start("1001", "127.0.0.1", 5080, "udp")) {
 *     TestCall call = caller.invite("sip:+15550100@127.0.0.1:5060", InviteOptions.defaults().from("+15551234"));
 *     TestCall incoming = callee.awaitIncoming(Duration.ofSeconds(5));
 *     incoming.ringing();
 *     incoming.answer();
 *     call.awaitState(CallState.CONFIRMED, Duration.ofSeconds(5));
 *     call.rtp().sendTone(1000, Duration.ofSeconds(1));
 *     incoming.rtpReceiver().awaitTone(1000, Duration.ofSeconds(3));
 *     call.bye();
 * }
 * }</pre>
 *
 * Out of a dialog the phone answers OPTIONS with 200, a new INVITE by queueing an incoming call
 * (see {@link #awaitIncoming}) and anything else with 481.
 */
public final class TestPhone implements AutoCloseable {
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final PhoneSipStack sip;
    private final Map<String, TestCall> calls = new ConcurrentHashMap<>();
    private final BlockingQueue<TestCall> incoming = new LinkedBlockingQueue<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final PendingRequests pending = new PendingRequests();
    private volatile Duration replyTimeout = DEFAULT_REPLY_TIMEOUT;
    private volatile boolean closed;

    private TestPhone(String name, PhoneSipStack sip) {
        this.name = name;
        this.sip = sip;
    }

    /**
     * Starts a phone named {@code name} (the user part of its From and Contact) listening on UDP
     * and TCP at {@code address:port} (0 picks a free port); {@code transport} ("udp" or "tcp")
     * is the one it sends its own requests over.
     */
    public static TestPhone start(String name, String address, int port, String transport) {
        String normalized = transport.toUpperCase();
        if (!normalized.equals("UDP") && !normalized.equals("TCP")) {
            throw new IllegalArgumentException("transport must be udp or tcp, not " + transport);
        }
        TestPhone phone = new TestPhone(name, PhoneSipStack.open(name, address, port, normalized));
        phone.sip.listen(new PhoneListener(phone));
        return phone;
    }

    public String name() {
        return name;
    }

    public String address() {
        return sip.address;
    }

    public int port() {
        return sip.port;
    }

    public String transport() {
        return sip.transport.toLowerCase();
    }

    /** {@code sip:name@address:port}, with {@code ;transport=tcp} on a TCP phone. */
    public String uri() {
        return "sip:" + name + "@" + sip.address + ":" + sip.port + (sip.transport.equals("TCP") ? ";transport=tcp" : "");
    }

    /** How long request methods ({@link TestCall#bye()}, {@link TestCall#info}, ...) wait for a final response. */
    public TestPhone replyTimeout(Duration timeout) {
        this.replyTimeout = timeout;
        return this;
    }

    public TestCall invite(String requestUri) {
        return invite(requestUri, InviteOptions.defaults());
    }

    /** Sends an INVITE and returns at once; follow it with {@link TestCall#awaitState} or {@link TestCall#awaitFinalResponse}. */
    public TestCall invite(String requestUri, InviteOptions options) {
        return dial(requestUri, options, null);
    }

    /** The next INVITE that started a call on this phone, in arrival order. */
    public TestCall awaitIncoming(Duration timeout) {
        try {
            TestCall call = incoming.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (call == null) {
                throw new AssertionError("phone " + name + " got no INVITE within " + timeout + "; received " + received());
            }
            return call;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for an INVITE on " + name, e);
        }
    }

    /** Out-of-dialog OPTIONS (a peer's keep-alive); returns the final response. */
    public SipReply options(String requestUri) {
        Request options = sip.newRequest(Request.OPTIONS, requestUri, name);
        return PendingRequests.await(Checked.get("sending OPTIONS", () -> {
            ClientTransaction transaction = sip.provider.getNewClientTransaction(options);
            var reply = pending.register(transaction);
            transaction.sendRequest();
            return reply;
        }), "OPTIONS " + requestUri, replyTimeout, () -> "received " + received());
    }

    /** Every request and response this phone received, in order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<TestCall> calls() {
        return List.copyOf(calls.values());
    }

    /**
     * What went wrong inside the phone's SIP listener and transport (exceptions in handlers, I/O
     * errors); a test should expect this empty.
     */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    /** Closes every call's RTP socket and threads, then the SIP stack and its ports. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (TestCall call : calls.values()) {
            call.closeMedia();
        }
        sip.close();
    }

    /**
     * Closes phones side by side: each JAIN-SIP stack sleeps a second while it stops, so closing
     * several one after the other adds up. Waits up to 10 s for all of them.
     */
    public static void closeAll(Collection<TestPhone> phones) {
        List<Thread> closers = new ArrayList<>();
        for (TestPhone phone : phones) {
            Thread closer = new Thread(phone::close, "testphone-close-" + phone.name());
            closer.start();
            closers.add(closer);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread closer : closers) {
            try {
                closer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- for the listener and calls ------------------------------------------------------------

    TestCall dial(String requestUri, InviteOptions options, Consumer<SipReply> onFinal) {
        if (closed) {
            throw new IllegalStateException("phone " + name + " is closed");
        }
        TestCall call = TestCall.outgoing(this, sip, requestUri, options, onFinal);
        // Registered before sending: the first response may arrive before send() returns.
        calls.put(call.callId(), call);
        call.start();
        return call;
    }

    void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        Received arrival = new Received(Instant.now(), request);
        received.add(arrival);
        TestCall call = calls.get(SipText.callId(request));
        if (call != null) {
            call.onRequest(event, arrival);
            return;
        }
        String method = request.getMethod();
        boolean outOfDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null;
        if (Request.INVITE.equals(method) && outOfDialog) {
            ServerTransaction transaction = serverTransaction(event);
            if (transaction != null) {
                TestCall newCall = TestCall.incoming(this, sip, arrival, transaction);
                calls.put(newCall.callId(), newCall);
                incoming.add(newCall);
            }
        } else if (Request.OPTIONS.equals(method)) {
            respond(event, Response.OK);
        } else if (!Request.ACK.equals(method)) {
            respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
    }

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        Received arrival = new Received(Instant.now(), response);
        received.add(arrival);
        TestCall call = calls.get(SipText.callId(response));
        if (call != null) {
            call.onResponse(event, arrival);
        }
        // After the call reacted (ACK sent, state changed), so a woken test sees the result.
        if (event.getClientTransaction() != null && response.getStatusCode() >= 200) {
            pending.complete(event.getClientTransaction(), SipReply.of(response));
        }
    }

    void onTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            noFinalResponse(event.getClientTransaction(), SipReply.local(Response.REQUEST_TIMEOUT, "Request Timeout (no response, local timer)"));
        }
    }

    void onTransactionTerminated(TransactionTerminatedEvent event) {
        if (!event.isServerTransaction()) {
            noFinalResponse(event.getClientTransaction(),
                    SipReply.local(Response.SERVICE_UNAVAILABLE, "Service Unavailable (transaction ended without a final response)"));
        }
    }

    /**
     * The server transaction of a request, created if the stack did not; null for a retransmission
     * the stack already owns.
     */
    ServerTransaction serverTransaction(RequestEvent event) {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return sip.provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException retransmission) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("no server transaction for " + event.getRequest().getMethod() + ": " + e, e);
        }
    }

    /** RFC 3891 section 3: answering an INVITE with Replaces ends the replaced dialog with BYE. */
    void endReplacedCall(String replaces) {
        String[] parts = replaces.split(";");
        String toTag = null;
        String fromTag = null;
        for (String parameter : parts) {
            String trimmed = parameter.trim();
            if (trimmed.startsWith("to-tag=")) {
                toTag = trimmed.substring("to-tag=".length());
            } else if (trimmed.startsWith("from-tag=")) {
                fromTag = trimmed.substring("from-tag=".length());
            }
        }
        TestCall replaced = calls.get(parts[0].trim());
        if (replaced != null && toTag != null && fromTag != null && replaced.matchesDialog(toTag, fromTag)) {
            replaced.sendByeWithoutWaiting();
        }
    }

    void failed(String doing, Throwable failure) {
        errors.add(new IllegalStateException("phone " + name + ": " + doing + ": " + failure, failure));
    }

    PendingRequests pending() {
        return pending;
    }

    Duration replyTimeout() {
        return replyTimeout;
    }

    private void noFinalResponse(ClientTransaction transaction, SipReply local) {
        if (transaction == null) {
            return;
        }
        TestCall call = calls.get(SipText.callId(transaction.getRequest()));
        if (call != null) {
            call.onNoResponse(transaction, local);
        }
        pending.complete(transaction, local);
    }

    private void respond(RequestEvent event, int status) {
        ServerTransaction transaction = serverTransaction(event);
        if (transaction != null) {
            Response response = Checked.get("building " + status, () -> sip.messages.createResponse(status, event.getRequest()));
            Checked.run("sending " + status, () -> transaction.sendResponse(response));
        }
    }
}
