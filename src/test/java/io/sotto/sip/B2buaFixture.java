package io.sotto.sip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.Timeout;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import gov.nist.javax.sip.message.SIPRequest;

import io.sotto.call.CallConductor;
import io.sotto.call.CallEvents;
import io.sotto.call.CallRecorder;
import io.sotto.call.CallRegistry;
import io.sotto.call.ManualClock;
import io.sotto.call.RecordingControl;
import io.sotto.config.ConfigLoader;
import io.sotto.config.LiveSettings;
import io.sotto.config.Settings;
import io.sotto.config.SottoConfig;
import io.sotto.control.RecordingPolicy;
import io.sotto.fork.ForkControlQueue;
import io.sotto.fork.ForkDescriptor;
import io.sotto.fork.ForkWriter;
import io.sotto.media.SocketlessSession;

/**
 * The B2BUA on the call conductor, as {@code SipEdge} wires it, with no stack, socket or event
 * loop: SIP goes through a {@link FakeSipProvider}, media sessions open when the test says
 * ({@link HeldMedia}), and time moves only when the test moves it. Each event is queued for the
 * conductor as the stack's listener queues it, and the conductor's duty cycles run on the test's
 * thread until it has nothing left to do.
 *
 * <p>The test plays the two peers of the built-in config: a carrier at 127.0.0.1:5070 and a PBX at
 * 127.0.0.1:5080.
 */
final class B2buaFixture {
    static final int CARRIER_PORT = 5070;
    static final int PBX_PORT = 5080;
    /** A caller's offer: PCMU and RFC 4733 events, as SIPp's scenarios offer. */
    static final String OFFER = "v=0\r\n"
            + "o=- 1 1 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "c=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=sendrecv\r\n";

    /** Renders control records' bodies for the tests' assertions. */
    private static final ObjectMapper JSON = new ObjectMapper();

    final ManualClock clock = new ManualClock();
    final CallConductor conductor = new CallConductor(64, clock);
    final ManyToOneRingBuffer ring = ForkWriter.newRing(1 << 16);
    final ForkWriter fork = new ForkWriter(ring);
    final CallRegistry registry = new CallRegistry();
    final FakeSipProvider sip = new FakeSipProvider();
    final HeldMedia media = new HeldMedia(fork);
    final B2bua b2bua;
    private final List<Integer> recordTypes = new ArrayList<>();
    private final List<String> recordJson = new ArrayList<>();
    private int branches;

    /** @param sets {@code --set} overrides of the built-in config, e.g. {@code sip.ring_timeout=2} */
    B2buaFixture(String... sets) {
        SottoConfig config = ConfigLoader.load(null, List.of(sets));
        CallRecorder recorder = new CallRecorder(new ForkControlQueue(fork));
        conductor.addDuty(recorder::retryWaiting);
        RecordingControl control = new RecordingControl(new RecordingPolicy.Factory(), recorder, new CallEvents(),
                conductor, clock, clock);
        LegMessages messages = new LegMessages(sip.headers, sip.addresses, sip.messages,
                config.sip().advertisedHost(), config.sip().listen().port());
        LiveSettings settings = new LiveSettings(new Settings(config.company(), config.numbers(), config.users()));
        b2bua = new B2bua(config, settings, sip, messages, media, registry, conductor, control, clock, clock);
        conductor.onStart();
    }

    /** {@code request} arrives from 127.0.0.1:{@code fromPort}; the conductor handles it. */
    void receive(Request request, int fromPort) {
        arrive(request, fromPort);
        settle();
    }

    /**
     * {@code request} arrives from 127.0.0.1:{@code fromPort} and is queued for the conductor as the
     * stack's listener queues it ({@code SipEdge}), the conductor not running yet: false when it was
     * dropped as a resend or refused for want of room.
     */
    boolean arrive(Request request, int fromPort) {
        SIPRequest received = (SIPRequest) request;
        received.setPeerPacketSourceAddress(InetAddress.getLoopbackAddress());
        received.setPeerPacketSourcePort(fromPort);
        FakeDialog dialog = sip.dialog(LegMessages.callIdOf(request));
        RequestEvent taken = b2bua.intake().take(new RequestEvent(sip, null, dialog, request));
        if (taken == null) {
            return false;
        }
        if (!conductor.submit(() -> b2bua.onRequest(taken))) {
            b2bua.intake().refuse(taken);
            return false;
        }
        return true;
    }

    /** The peer answers a request Sotto sent; the stack updates transaction and dialog, then tells the B2BUA. */
    void answer(Request sent, Response response) {
        FakeClientTransaction tx = sip.transactionOf(sent);
        tx.answered(response);
        ResponseEvent event = new ResponseEvent(sip, tx, tx.getDialog(), response);
        submit(() -> b2bua.onResponse(event));
    }

    /** A request Sotto sent got no answer at all (timer B or F, RFC 3261 section 17.1). */
    void timeOut(Request sent) {
        TimeoutEvent event = new TimeoutEvent(sip, sip.transactionOf(sent), Timeout.TRANSACTION);
        submit(() -> b2bua.onTimeout(event));
    }

    /** The media side reports the oldest session asked for bound. */
    void bindMedia() {
        media.bindNext();
        settle();
    }

    /** Time passes; timers that fall due run. */
    void advance(long nanos) {
        clock.advance(nanos);
        settle();
    }

    private void submit(Runnable command) {
        if (!conductor.submit(command)) {
            throw new AssertionError("the conductor's command queue is full");
        }
        settle();
    }

    /** Duty cycles until one does nothing: everything queued has run. */
    void settle() {
        try {
            while (conductor.doWork() > 0) {
                // each cycle may queue more (a completion, a digit)
            }
        } catch (Exception e) {
            throw new AssertionError("the conductor's cycle failed", e);
        }
    }

    int legs() {
        return b2bua.legCount();
    }

    /** The types of the recording control records in the fork ring so far ({@link ForkDescriptor}), in order. */
    List<Integer> recordTypes() {
        drainRing();
        return List.copyOf(recordTypes);
    }

    /** Each recording's start record so far, as JSON (what the recorder sees, easy to assert on). */
    List<String> recordingStarts() {
        return recordsOf(ForkDescriptor.START_MSG_TYPE_ID);
    }

    /** Each recording's end record so far, as JSON. */
    List<String> recordingEnds() {
        return recordsOf(ForkDescriptor.END_MSG_TYPE_ID);
    }

    private List<String> recordsOf(int type) {
        drainRing();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < recordTypes.size(); i++) {
            if (recordTypes.get(i) == type) {
                records.add(recordJson.get(i));
            }
        }
        return records;
    }

    private static String asJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void drainRing() {
        ring.read((type, buffer, index, length) -> {
            if (type == ForkDescriptor.AUDIO_MSG_TYPE_ID) {
                return;
            }
            Object body = fork.controlBodies().take(buffer.getLong(index + ForkDescriptor.BODY_NUMBER_OFFSET));
            recordTypes.add(type);
            recordJson.add(asJson(body));
        }, Integer.MAX_VALUE);
    }

    /** A call from the carrier's customer answered by extension 1001 at the PBX, ACKed. */
    Answered answeredCall(String callId) {
        return answeredCall(callId, "+15550199", "+15550100", CARRIER_PORT, "1001");
    }

    /**
     * The consultation of an attended transfer: extension 1001 at the PBX calls 1002, whom Sotto
     * sends back to the PBX (1002 must be a configured extension); 1002 answers, 1001 ACKs.
     */
    Answered consultationCall(String callId) {
        return answeredCall(callId, "1001", "1002", PBX_PORT, "1002");
    }

    private Answered answeredCall(String callId, String from, String to, int fromPort, String callee) {
        Request invite = invite(callId, from, to, fromPort);
        receive(invite, fromPort);
        SocketlessSession session = media.bindNext();
        settle();
        List<Request> invites = sip.requests(Request.INVITE);
        Request toCallee = invites.get(invites.size() - 1);
        answer(toCallee, response(toCallee, 180, callee, null));
        Response ok = response(toCallee, 200, callee, answerSdp(7000, "sendrecv"));
        answer(toCallee, ok);
        List<Response> toCaller = sip.responses(callId, Request.INVITE);
        PeerDialog caller = callerDialog(invite, toCaller.get(toCaller.size() - 1));
        receive(caller.ack(), fromPort);
        return new Answered(invite, toCallee, caller, calleeDialog(toCallee, ok), session);
    }

    /**
     * An answered call: the customer's INVITE and its dialog with Sotto, the INVITE Sotto sent
     * the PBX and the PBX's dialog, and the call's media session.
     */
    record Answered(Request invite, Request toCallee, PeerDialog caller, PeerDialog callee,
                    SocketlessSession media) {
    }

    // ---- the peers' messages -----------------------------------------------------------------

    /** A new INVITE from the carrier's customer {@code from} to {@code to}, offering {@link #OFFER}. */
    Request invite(String callId, String from, String to) {
        return invite(callId, from, to, CARRIER_PORT);
    }

    /** A new INVITE from {@code from} at the peer on {@code fromPort} to {@code to}, offering {@link #OFFER}. */
    Request invite(String callId, String from, String to, int fromPort) {
        return parse("INVITE sip:" + to + "@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=" + branch() + "\r\n"
                + "From: <sip:" + from + "@127.0.0.1:" + fromPort + ">;tag=caller-tag\r\n"
                + "To: <sip:" + to + "@127.0.0.1:5060>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:" + from + "@127.0.0.1:" + fromPort + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + OFFER.length() + "\r\n\r\n"
                + OFFER);
    }

    /** The CANCEL of {@code invite} (RFC 3261 section 9.1: its Via, Call-ID, tags and CSeq number). */
    Request cancel(Request invite) {
        String text = invite.toString();
        String headers = text.substring(text.indexOf("\r\n") + 2, text.indexOf("\r\n\r\n"));
        StringBuilder cancel = new StringBuilder("CANCEL " + invite.getRequestURI() + " SIP/2.0\r\n");
        for (String line : headers.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("To:")
                    || line.startsWith("Call-ID:") || line.startsWith("Max-Forwards:")) {
                cancel.append(line).append("\r\n");
            }
        }
        cancel.append("CSeq: ").append(LegMessages.cseqOf(invite)).append(" CANCEL\r\n");
        cancel.append("Content-Length: 0\r\n\r\n");
        return parse(cancel.toString());
    }

    /**
     * A peer's answer to a request Sotto sent it; an INVITE's callee answers as extension
     * {@code user} at the PBX, with {@code sdp} when not null.
     */
    Response response(Request sent, int status, String user, String sdp) {
        try {
            Response response = sip.messages.createResponse(status, sent);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (status > 100 && to.getTag() == null) {
                to.setTag("callee-tag");
            }
            if (status > 100 && status < 300) {
                ContactHeader contact = sip.headers.createContactHeader(sip.addresses.createAddress(
                        "<sip:" + user + "@127.0.0.1:" + PBX_PORT + ">"));
                response.setHeader(contact);
            }
            if (sdp != null) {
                response.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
            }
            return response;
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** The callee's SDP, on port {@code port} of the PBX side. */
    static String answerSdp(int port, String direction) {
        return "v=0\r\n"
                + "o=- 2 1 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=" + direction + "\r\n";
    }

    /** The dialog the peer that sent {@code invite} and got {@code ok} from Sotto has with it. */
    PeerDialog callerDialog(Request invite, Response ok) {
        int port = ((ViaHeader) invite.getHeader(ViaHeader.NAME)).getPort();
        return new PeerDialog(this, LegMessages.callIdOf(invite), port,
                (FromHeader) invite.getHeader(FromHeader.NAME), (ToHeader) ok.getHeader(ToHeader.NAME), 1);
    }

    /** The dialog the PBX has with Sotto after answering {@code sent} with {@code ok}. */
    PeerDialog calleeDialog(Request sent, Response ok) {
        ToHeader to = (ToHeader) ok.getHeader(ToHeader.NAME);
        FromHeader from = (FromHeader) sent.getHeader(FromHeader.NAME);
        return new PeerDialog(this, ((CallIdHeader) sent.getHeader(CallIdHeader.NAME)).getCallId(), PBX_PORT,
                to, from, 0);
    }

    String branch() {
        return "z9hG4bK-peer-" + ++branches;
    }

    Request parse(String text) {
        try {
            return sip.messages.createRequest(text);
        } catch (java.text.ParseException e) {
            throw new AssertionError("bad request text: " + e.getMessage() + "\n" + text, e);
        }
    }
}
