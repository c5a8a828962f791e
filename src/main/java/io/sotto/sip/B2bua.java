package io.sotto.sip;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.message.SIPRequest;

import io.sotto.call.Agents;
import io.sotto.call.Call;
import io.sotto.call.CallConductor;
import io.sotto.call.CallRegistry;
import io.sotto.call.CallState;
import io.sotto.call.Direction;
import io.sotto.call.Ids;
import io.sotto.call.RecordingControl;
import io.sotto.call.Route;
import io.sotto.call.Routing;
import io.sotto.config.DtmfConfig;
import io.sotto.config.PeerConfig;
import io.sotto.config.SottoConfig;
import io.sotto.control.Actor;
import io.sotto.control.Agent;
import io.sotto.control.CallParties;
import io.sotto.control.Decision;
import io.sotto.control.RecordingAction;
import io.sotto.control.Trigger;
import io.sotto.media.MediaException;
import io.sotto.media.MediaRelay;
import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpException;

/**
 * The back-to-back user agent: every call is two independent SIP dialogs, the caller's leg (Sotto
 * is its UAS) and the callee's leg (Sotto is its UAC), with media anchored on Sotto's ports.
 * Runs only on the call conductor thread; the stack's listener hands every event over to it.
 */
final class B2bua implements Transfers.Calls {
    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
    /** Headers of in-dialog requests that mean something end to end and are carried across. */
    private static final List<String> RELAYED_HEADERS =
            List.of("Event", "Subscription-State", "Info-Package", "Content-Disposition");

    private final SipProvider provider;
    private final LegMessages messages;
    private final Routing routing;
    private final LegAgents legAgents;
    private final SdpBridge bridge;
    private final DtmfConfig dtmf;
    private final MediaRelay media;
    private final CallRegistry registry;
    private final CallConductor conductor;
    private final RecordingControl control;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final List<String> codecs;
    private final Legs legs = new Legs();
    private final AtomicLong forbidden = new AtomicLong();
    private final Transfers transfers;
    private final LegRequests requests;
    private final long ringTimeoutNanos;

    B2bua(SottoConfig config, SipProvider provider, LegMessages messages, MediaRelay media,
          CallRegistry registry, CallConductor conductor, RecordingControl control,
          NanoClock nanoClock, EpochClock epochClock) {
        this.provider = provider;
        this.messages = messages;
        this.routing = new Routing(config);
        this.legAgents = new LegAgents(new Agents(config.users()));
        this.dtmf = config.company().dtmf();
        this.media = media;
        this.registry = registry;
        this.conductor = conductor;
        this.control = control;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        this.bridge = new SdpBridge(config.sip().advertise() != null ? config.sip().advertise() : config.media().address());
        this.codecs = config.media().codecs();
        this.requests = new LegRequests(provider, messages, conductor, legs);
        this.ringTimeoutNanos = TimeUnit.SECONDS.toNanos(config.sip().ringTimeoutSeconds());
        this.transfers = new Transfers(provider, messages, routing, media, control, conductor, bridge, legAgents,
                dtmf, codecs, legs, this, requests, ringTimeoutNanos);
    }

    long forbiddenCount() {
        return forbidden.get();
    }

    int legCount() {
        return legs.size();
    }

    void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            if (!fromPeer(request)) {
                return;
            }
            String method = request.getMethod();
            if (Request.ACK.equals(method)) {
                onAck(request);
                return;
            }
            SipLeg leg = legs.get(callIdOf(request));
            if (Request.CANCEL.equals(method)) {
                onCancel(event, leg);
                return;
            }
            boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
            if (leg == null) {
                if (inDialog) {
                    respond(event, 481, "Call/Transaction Does Not Exist", null);
                } else if (Request.INVITE.equals(method) && request.getHeader("Replaces") != null) {
                    transfers.onReplacingInvite(event, peerOf(request));
                } else if (Request.INVITE.equals(method)) {
                    onNewCall(event);
                } else if (Request.OPTIONS.equals(method)) {
                    provider.sendResponse(messages.plain(request, 200, null));
                } else {
                    provider.sendResponse(messages.plain(request, 405, "Method Not Allowed"));
                }
                return;
            }
            if (!inDialog) {
                // a retransmitted or looped initial INVITE that the transaction layer let through
                return;
            }
            if (transfers.onDepartingRequest(event, leg)) {
                return;
            }
            switch (method) {
                case Request.BYE -> onBye(event, leg);
                case Request.OPTIONS -> respond(event, 200, null, leg);
                case Request.REFER -> transfers.onRefer(event, leg);
                case Request.INFO -> onInfo(event, leg);
                default -> relay(event, leg);
            }
        } catch (Exception e) {
            LOG.warn("{} {} failed: {}", request.getMethod(), callIdOf(request), e.toString());
            if (!Request.ACK.equals(request.getMethod())) {
                respondQuietly(event, 500, "Server Internal Error");
            }
        }
    }

    /** Only configured peers may send anything (no open relay): others get 403 and no state. */
    private boolean fromPeer(Request request) throws Exception {
        SIPRequest sip = (SIPRequest) request;
        InetAddress source = sip.getPeerPacketSourceAddress();
        String transport = LegMessages.transportOf(request);
        // over a connection the source port is ephemeral: the Via sent-by names the peer's port
        int port = "udp".equals(transport) ? sip.getPeerPacketSourcePort()
                : ((ViaHeader) request.getHeader(ViaHeader.NAME)).getPort();
        if (source != null && routing.peerOf(source, port).isPresent()) {
            return true;
        }
        // an ACK cannot be answered: it is the stranger acknowledging our 403, dropped uncounted
        if (!Request.ACK.equals(request.getMethod())) {
            forbidden.incrementAndGet();
            LOG.warn("{} from {}:{} refused: not a configured peer", request.getMethod(),
                    source == null ? "?" : source.getHostAddress(), port);
            provider.sendResponse(messages.plain(request, 403, "Forbidden"));
        }
        return false;
    }

    private PeerConfig peerOf(Request request) {
        SIPRequest sip = (SIPRequest) request;
        String transport = LegMessages.transportOf(request);
        int port = "udp".equals(transport) ? sip.getPeerPacketSourcePort()
                : ((ViaHeader) request.getHeader(ViaHeader.NAME)).getPort();
        return routing.peerOf(sip.getPeerPacketSourceAddress(), port).orElseThrow();
    }

    private void onNewCall(RequestEvent event) throws Exception {
        Request invite = event.getRequest();
        ServerTransaction serverTx = serverTransaction(event);
        if (serverTx == null) {
            return;
        }
        serverTx.sendResponse(messages.plain(invite, 100, null));
        var maxForwards = (javax.sip.header.MaxForwardsHeader) invite.getHeader("Max-Forwards");
        if (maxForwards != null && maxForwards.getMaxForwards() <= 0) {
            serverTx.sendResponse(messages.plain(invite, 483, "Too Many Hops"));
            return;
        }
        String calledUser = LegMessages.userOf(invite.getRequestURI());
        PeerConfig source = peerOf(invite);
        Optional<Route> route = routing.route(source, calledUser);
        if (route.isEmpty()) {
            LOG.warn("INVITE from {} to {}: no peer to route it to", source.name(), calledUser);
            serverTx.sendResponse(messages.plain(invite, 503, "No Route To Destination"));
            return;
        }
        Sdp offer = null;
        String body = LegMessages.sdpOf(invite);
        if (invite.getRawContent() != null && invite.getRawContent().length > 0 && body == null) {
            serverTx.sendResponse(messages.plain(invite, 415, "Unsupported Media Type"));
            return;
        }
        if (body != null) {
            try {
                offer = Sdp.parse(body).filterCodecs(codecs);
            } catch (SdpException e) {
                boolean noCodec = e.getMessage() != null && e.getMessage().contains("codec");
                LOG.info("INVITE {}: SDP refused: {}", callIdOf(invite), e.getMessage());
                serverTx.sendResponse(messages.plain(invite, noCodec ? 488 : 400,
                        noCodec ? "Not Acceptable Here" : "Bad SDP: " + oneLine(e.getMessage())));
                return;
            }
        }
        MediaSession session;
        try {
            session = media.open();
        } catch (MediaException e) {
            LOG.error("INVITE {}: {}", callIdOf(invite), e.getMessage());
            serverTx.sendResponse(messages.plain(invite, 503, "No Media Ports Available"));
            return;
        }
        Direction direction = route.get().direction();
        String callerUser = LegMessages.userOf(invite, "From");
        String number = switch (direction) {
            case INBOUND -> calledUser;
            case OUTBOUND -> callerUser;
            case INTERNAL -> null;
        };
        Call call = new Call(Ids.next(), direction, callerUser, calledUser, number, session, epochClock.time());
        SipCall sipCall = new SipCall(call);
        String transport = LegMessages.transportOf(invite);
        SipLeg caller = new SipLeg(sipCall, SipLeg.Role.CALLER, callIdOf(invite), transport, LegMessages.newTag());
        caller.inviteServerTx = serverTx;
        caller.dialog = serverTx.getDialog();
        caller.initialRequest = invite;
        caller.peer = source;
        sipCall.caller = caller;

        CallIdHeader calleeCallId = provider.getNewCallId();
        SipLeg callee = new SipLeg(sipCall, SipLeg.Role.CALLEE, calleeCallId.getCallId(), transport, null);
        callee.peer = route.get().target();
        sipCall.callee = callee;
        String anchored = null;
        if (offer != null) {
            SdpBridge.learnRemote(caller, offer);
            anchored = bridge.anchorTowards(callee, offer);
        }
        // digits are rare: a task per key press on the way to the conductor is no hot-path cost
        session.dtmfListener((side, digit, arrivalNanos) ->
                conductor.submit(() -> control.digit(call, side, digit, Trigger.DTMF, arrivalNanos)));
        Request out = messages.invite(invite, route.get().target(), transport, calleeCallId, anchored);
        ClientTransaction clientTx = provider.getNewClientTransaction(out);
        callee.inviteClientTx = clientTx;
        callee.dialog = clientTx.getDialog();
        legs.add(caller);
        legs.add(callee);
        registry.add(call);
        LOG.info("call {}: {} {} -> {}, from {} to {} ({})", call.id(), direction.label(), callerUser, calledUser,
                source.name(), route.get().target().name(), transport);
        try {
            clientTx.sendRequest();
        } catch (SipException e) {
            LOG.warn("call {}: cannot reach {}: {}", call.id(), route.get().target().name(), e.getMessage());
            serverTx.sendResponse(messages.response(invite, 503, "Service Unavailable", caller));
            endCall(sipCall, "error", Trigger.HANGUP);
            return;
        }
        conductor.schedule(ringTimeoutNanos, () -> onRingTimeout(callee));
    }

    private void onCancel(RequestEvent event, SipLeg leg) throws Exception {
        Request cancel = event.getRequest();
        ServerTransaction cancelTx = serverTransaction(event);
        if (leg == null || leg.role != SipLeg.Role.CALLER || leg.inviteServerTx == null) {
            if (cancelTx != null) {
                cancelTx.sendResponse(messages.plain(cancel, 481, "Call/Transaction Does Not Exist"));
            }
            return;
        }
        if (cancelTx != null) {
            cancelTx.sendResponse(messages.plain(cancel, 200, null));
        }
        SipCall sipCall = leg.call;
        if (sipCall.call.state() != CallState.SETUP) {
            return;
        }
        leg.inviteServerTx.sendResponse(messages.response(leg.initialRequest, 487, "Request Terminated", leg));
        cancelOrMark(sipCall.callee);
        LOG.info("call {}: cancelled by caller", sipCall.call.id());
        endCall(sipCall, "hangup", Trigger.HANGUP);
        legs.remove(leg);
    }

    /** CANCEL now if the callee has rung (RFC 3261 section 9.1), else on its first 18x. */
    private void cancelOrMark(SipLeg callee) {
        if (callee.provisionalReceived) {
            requests.cancel(callee);
        } else {
            callee.cancelPending = true;
        }
    }

    /**
     * The callee is still ringing (or silent) {@code sip.ring_timeout} after the INVITE, in the
     * spirit of RFC 3261 timer C: it is cancelled and the caller answered 408.
     */
    private void onRingTimeout(SipLeg callee) {
        SipCall sipCall = callee.call;
        if (sipCall.call.state() != CallState.SETUP || sipCall.callee != callee) {
            return;
        }
        LOG.info("call {}: no answer within the ring timeout, 408", sipCall.call.id());
        SipLeg caller = sipCall.caller;
        try {
            caller.inviteServerTx.sendResponse(messages.response(caller.initialRequest, 408, "Request Timeout", caller));
        } catch (Exception e) {
            LOG.debug("call {}: 408 failed: {}", sipCall.call.id(), e.toString());
        }
        cancelOrMark(callee);
        endCall(sipCall, "error", Trigger.HANGUP);
        legs.remove(caller);
    }

    private void onBye(RequestEvent event, SipLeg leg) throws Exception {
        if (transfers.onByeFromTransferor(event, leg)) {
            return;
        }
        respond(event, 200, null, leg);
        SipLeg other = leg.other();
        if (other.dialog != null && other.dialog.getState() == DialogState.CONFIRMED) {
            Request bye = other.dialog.createRequest(Request.BYE);
            ClientTransaction tx = provider.getNewClientTransaction(bye);
            other.dialog.sendRequest(tx);
        } else if (other.role == SipLeg.Role.CALLEE && other.call.call.state() == CallState.SETUP) {
            cancelOrMark(other);
        }
        LOG.info("call {}: hung up by {}", leg.call.call.id(), leg.role == SipLeg.Role.CALLER ? "caller" : "callee");
        endCall(leg.call, "hangup", Trigger.HANGUP);
        legs.remove(leg);
        if (!other.cancelPending) {
            legs.remove(other);
        }
    }

    /**
     * An INFO with {@code Recording-Control} acts on the recording for this leg's agent and is
     * answered here, not relayed. A DTMF INFO feeds the leg's digit collector and goes on to the
     * other party like any INFO.
     */
    private void onInfo(RequestEvent event, SipLeg from) throws Exception {
        Request info = event.getRequest();
        Call call = from.call.call;
        int side = from.role == SipLeg.Role.CALLER ? 0 : 1;
        javax.sip.header.Header header = info.getHeader(RecordingControlHeader.NAME);
        if (header != null) {
            Optional<RecordingControlHeader> parsed = RecordingControlHeader.parse(LegMessages.valueOf(header));
            Optional<RecordingAction> action = parsed.flatMap(value -> RecordingAction.parse(value.action()));
            if (action.isEmpty()) {
                respond(event, 400, "Unknown Recording-Control Action", from);
                return;
            }
            Agent agent = call.agentOf(side);
            Actor actor = agent == null ? Actor.customer() : Actor.leg(agent);
            Decision decision = control.act(call, action.get(), actor, Trigger.INFO, parsed.get().reason(),
                    nanoClock.nanoTime());
            if (decision instanceof Decision.Refused refused) {
                respond(event, refused.status(), oneLine(refused.reason()), from);
            } else {
                respond(event, 200, null, from);
            }
            return;
        }
        String digits = DtmfInfoBody.digitsOf(LegMessages.contentTypeOf(info), LegMessages.bodyOf(info));
        long now = nanoClock.nanoTime();
        for (int i = 0; i < digits.length(); i++) {
            control.digit(call, side, digits.charAt(i), Trigger.INFO, now);
        }
        relay(event, from);
    }

    /** Relays an in-dialog request (re-INVITE, UPDATE, INFO, NOTIFY, MESSAGE) to the other leg. */
    private void relay(RequestEvent event, SipLeg from) throws Exception {
        Request request = event.getRequest();
        ServerTransaction serverTx = serverTransaction(event);
        if (serverTx == null) {
            return;
        }
        SipLeg to = from.other();
        Dialog dialog = to.dialog;
        if (dialog == null || dialog.getState() != DialogState.CONFIRMED) {
            serverTx.sendResponse(messages.response(request, 491, "Request Pending", from));
            return;
        }
        String method = request.getMethod();
        boolean offerBearing = Request.INVITE.equals(method) || Request.UPDATE.equals(method);
        Request out = dialog.createRequest(method);
        String sdp = offerBearing ? LegMessages.sdpOf(request) : null;
        if (sdp != null) {
            Sdp offer;
            try {
                offer = Sdp.parse(sdp).filterCodecs(codecs);
            } catch (SdpException e) {
                boolean noCodec = e.getMessage() != null && e.getMessage().contains("codec");
                serverTx.sendResponse(messages.response(request, noCodec ? 488 : 400,
                        noCodec ? "Not Acceptable Here" : "Bad SDP: " + oneLine(e.getMessage()), from));
                return;
            }
            SdpBridge.learnRemote(from, offer);
            messages.setSdp(out, bridge.anchorTowards(to, offer));
        } else if (!offerBearing) {
            messages.copyBody(request, out);
        }
        messages.copyHeaders(request, out, RELAYED_HEADERS);
        if (offerBearing) {
            out.setHeader(messages.contact(to.transport));
        }
        ClientTransaction clientTx = provider.getNewClientTransaction(out);
        try {
            dialog.sendRequest(clientTx);
        } catch (SipException e) {
            // RFC 3261 §14.1: an INVITE while one is pending in the other dialog is glare
            serverTx.sendResponse(messages.response(request, 491, "Request Pending", from));
            return;
        }
        from.call.relays.put(clientTx, new Relay(serverTx, from, sdp != null));
    }

    private void onAck(Request ack) throws Exception {
        SipLeg leg = legs.get(callIdOf(ack));
        if (leg == null) {
            return;
        }
        SipLeg other = leg.other();
        if (other.ackPendingCSeq < 0) {
            return;
        }
        String sdp = LegMessages.sdpOf(ack);
        Request outAck = other.dialog.createAck(other.ackPendingCSeq);
        other.ackPendingCSeq = -1;
        if (sdp != null) {
            try {
                Sdp answer = Sdp.parse(sdp);
                SdpBridge.learnRemote(leg, answer);
                messages.setSdp(outAck, bridge.anchorTowards(other, answer));
            } catch (SdpException e) {
                LOG.info("call {}: bad SDP answer in ACK: {}", leg.call.call.id(), e.getMessage());
            }
        }
        other.dialog.sendAck(outAck);
    }

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        try {
            if (transfers.onResponse(event)) {
                return;
            }
            SipLeg leg = legs.get(callIdOf(response));
            if (leg == null) {
                return;
            }
            String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
            ClientTransaction clientTx = event.getClientTransaction();
            Relay relay = clientTx == null ? null : leg.call.relays.get(clientTx);
            if (relay != null) {
                onRelayedResponse(leg, relay, clientTx, response);
            } else if (Request.INVITE.equals(method) && leg.role == SipLeg.Role.CALLEE
                    && (clientTx == null || clientTx == leg.inviteClientTx)) {
                // a forked 2xx forms its own dialog: ACK and talk on the one the answer belongs to
                if (event.getDialog() != null) {
                    leg.dialog = event.getDialog();
                }
                onInviteResponse(leg, response);
            }
        } catch (Exception e) {
            LOG.warn("response {} {} failed: {}", response.getStatusCode(), callIdOf(response), e.toString());
        }
    }

    private void onInviteResponse(SipLeg callee, Response response) throws Exception {
        SipCall sipCall = callee.call;
        Call call = sipCall.call;
        int status = response.getStatusCode();
        if (call.state() == CallState.ENDED) {
            finishAbandonedLeg(callee, response);
            return;
        }
        if (call.state() == CallState.ANSWERED || status == 100) {
            return; // a retransmitted 2xx is ACKed again by the dialog layer
        }
        SipLeg caller = sipCall.caller;
        Request invite = caller.initialRequest;
        if (status < 200) {
            callee.provisionalReceived = true;
            Response provisional = messages.response(invite, status, response.getReasonPhrase(), caller);
            String sdp = LegMessages.sdpOf(response);
            if (sdp != null) {
                Sdp early = Sdp.parse(sdp);
                SdpBridge.learnRemote(callee, early);
                messages.setSdp(provisional, bridge.anchorTowards(caller, early));
            }
            caller.inviteServerTx.sendResponse(provisional);
            return;
        }
        if (status >= 300) {
            LOG.info("call {}: callee answered {} {}", call.id(), status, response.getReasonPhrase());
            Response failure = messages.response(invite, status, response.getReasonPhrase(), caller);
            copyRetryAfter(response, failure);
            caller.inviteServerTx.sendResponse(failure);
            endCall(sipCall, "error", Trigger.HANGUP);
            forget(sipCall);
            return;
        }
        callee.answer = response;
        Response ok = messages.response(invite, status, response.getReasonPhrase(), caller);
        String sdp = LegMessages.sdpOf(response);
        boolean offerWasSent = LegMessages.sdpOf(invite) != null;
        String codec = null;
        if (sdp != null) {
            Sdp answer = offerWasSent ? Sdp.parse(sdp) : Sdp.parse(sdp).filterCodecs(codecs);
            SdpBridge.learnRemote(callee, answer);
            messages.setSdp(ok, bridge.anchorTowards(caller, answer));
            codec = answer.audioCodec();
        }
        if (offerWasSent || sdp == null) {
            callee.dialog.sendAck(callee.dialog.createAck(LegMessages.cseqOf(response)));
        } else {
            callee.ackPendingCSeq = LegMessages.cseqOf(response);
        }
        caller.inviteServerTx.sendResponse(ok);
        call.answered(nanoClock.nanoTime(), epochClock.time());
        identifyAgents(sipCall, codec == null ? "PCMU" : codec);
        LOG.info("call {}: answered", call.id());
        control.answered(call);
    }

    /** The callee's answer to an INVITE the caller has given up on: cancel, or ACK and BYE. */
    private void finishAbandonedLeg(SipLeg callee, Response response) throws Exception {
        int status = response.getStatusCode();
        if (status < 200) {
            if (status > 100 && callee.cancelPending) {
                callee.provisionalReceived = true;
                requests.cancel(callee);
            }
            return;
        }
        if (status < 300) {
            callee.dialog.sendAck(callee.dialog.createAck(LegMessages.cseqOf(response)));
            ClientTransaction bye = provider.getNewClientTransaction(callee.dialog.createRequest(Request.BYE));
            callee.dialog.sendRequest(bye);
        }
        legs.remove(callee);
    }

    private void onRelayedResponse(SipLeg leg, Relay relay, ClientTransaction clientTx, Response response)
            throws Exception {
        int status = response.getStatusCode();
        if (status == 100) {
            return;
        }
        Request original = relay.serverTx().getRequest();
        Response out = messages.response(original, status, response.getReasonPhrase(), relay.from());
        String sdp = LegMessages.sdpOf(response);
        if (sdp != null) {
            try {
                Sdp answer = Sdp.parse(sdp);
                SdpBridge.learnRemote(leg, answer);
                messages.setSdp(out, bridge.anchorTowards(relay.from(), answer));
            } catch (SdpException e) {
                LOG.info("call {}: bad SDP in {} response: {}", leg.call.call.id(), status, e.getMessage());
            }
        } else if (!Request.INVITE.equals(original.getMethod()) && !Request.UPDATE.equals(original.getMethod())) {
            messages.copyBody(response, out);
        }
        if (status >= 200) {
            leg.call.relays.remove(clientTx);
            if (status < 300 && Request.INVITE.equals(original.getMethod())) {
                if (relay.offerInRequest() || sdp == null) {
                    leg.dialog.sendAck(leg.dialog.createAck(LegMessages.cseqOf(response)));
                } else {
                    leg.ackPendingCSeq = LegMessages.cseqOf(response);
                }
            }
        }
        relay.serverTx().sendResponse(out);
    }

    void onTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction clientTx = event.getClientTransaction();
        if (transfers.onTimeout(clientTx)) {
            return;
        }
        Request request = clientTx.getRequest();
        SipLeg leg = legs.get(callIdOf(request));
        if (leg == null) {
            return;
        }
        SipCall sipCall = leg.call;
        try {
            Relay relay = sipCall.relays.remove(clientTx);
            if (relay != null) {
                relay.serverTx().sendResponse(messages.response(relay.serverTx().getRequest(), 408,
                        "Request Timeout", relay.from()));
                return;
            }
            if (clientTx == leg.inviteClientTx && sipCall.call.state() == CallState.SETUP) {
                LOG.info("call {}: no answer from callee within timer B, 408", sipCall.call.id());
                SipLeg caller = sipCall.caller;
                caller.inviteServerTx.sendResponse(messages.response(caller.initialRequest, 408,
                        "Request Timeout", caller));
                endCall(sipCall, "error", Trigger.HANGUP);
            }
        } catch (Exception e) {
            LOG.warn("call {}: timeout handling failed: {}", sipCall.call.id(), e.toString());
        }
        if (sipCall.call.state() == CallState.ENDED && Request.INVITE.equals(request.getMethod())
                && clientTx == leg.inviteClientTx) {
            forget(sipCall);
        }
    }

    /** The caller never ACKed our 2xx (RFC 3261 §13.3.1.4): end the call on both legs. */
    void onAckTimeout(Dialog dialog) {
        SipLeg leg = legs.get(dialog.getCallId().getCallId());
        if (leg == null || leg.call.call.state() == CallState.ENDED) {
            return;
        }
        LOG.info("call {}: no ACK from {}, ending", leg.call.call.id(), leg.role);
        hangUp(leg.call, "error");
    }

    /** Sends BYE on every confirmed leg (or refuses and cancels a call still ringing), ends the call. */
    @Override
    public void hangUp(SipCall sipCall, String reason) {
        if (sipCall.call.state() == CallState.SETUP) {
            try {
                SipLeg caller = sipCall.caller;
                caller.inviteServerTx.sendResponse(
                        messages.response(caller.initialRequest, 503, "Service Unavailable", caller));
            } catch (Exception e) {
                LOG.debug("call {}: 503 failed: {}", sipCall.call.id(), e.toString());
            }
            if (sipCall.callee.provisionalReceived) {
                requests.cancel(sipCall.callee);
            }
        }
        for (SipLeg each : List.of(sipCall.caller, sipCall.callee)) {
            try {
                if (each.dialog != null && each.dialog.getState() == DialogState.CONFIRMED) {
                    ClientTransaction bye = provider.getNewClientTransaction(each.dialog.createRequest(Request.BYE));
                    each.dialog.sendRequest(bye);
                }
            } catch (SipException e) {
                LOG.debug("call {}: BYE failed: {}", sipCall.call.id(), e.getMessage());
            }
        }
        endCall(sipCall, reason, Trigger.HANGUP);
        forget(sipCall);
    }

    /** Finds the agent of each leg (SPEC 4) once the call is answered; the other leg is the customer's. */
    private void identifyAgents(SipCall sipCall, String codec) {
        Call call = sipCall.call;
        Agent[] agents = legAgents.of(call.direction(), sipCall.caller, sipCall.callee);
        CallParties parties = LegAgents.parties(call.direction(), call.number(), agents[0], agents[1]);
        call.answeredBy(parties, agents[0], agents[1],
                List.of(sipCall.caller.sipCallId, sipCall.callee.sipCallId), codec, dtmf);
    }

    @Override
    public void end(SipCall sipCall, String reason, Trigger how) {
        endCall(sipCall, reason, how);
        forget(sipCall);
    }

    /** Ends the call's recording and frees its media; signalling is the caller's concern. */
    private void endCall(SipCall sipCall, String reason, Trigger how) {
        Call call = sipCall.call;
        if (call.state() == CallState.ENDED) {
            return;
        }
        transfers.abandon(sipCall);
        control.ended(call, reason, how);
        call.media().close();
        call.ended();
        registry.remove(call);
    }

    private void forget(SipCall sipCall) {
        legs.remove(sipCall.caller);
        legs.remove(sipCall.callee);
    }

    /** Ends every live call (shutdown): BYE on both legs, recordings closed. */
    void endAll() {
        for (SipLeg leg : legs.snapshot()) {
            if (legs.contains(leg.sipCallId) && leg.call.call.state() != CallState.ENDED) {
                hangUp(leg.call, "hangup");
            }
        }
    }

    private void copyRetryAfter(Response from, Response to) {
        var retryAfter = from.getHeader("Retry-After");
        if (retryAfter != null) {
            to.setHeader((javax.sip.header.Header) retryAfter.clone());
        }
    }

    private ServerTransaction serverTransaction(RequestEvent event) throws Exception {
        return serverTransaction(provider, event);
    }

    /** The event's server transaction, made if the stack made none; null for a retransmission. */
    static ServerTransaction serverTransaction(SipProvider provider, RequestEvent event) throws Exception {
        ServerTransaction serverTx = event.getServerTransaction();
        if (serverTx != null) {
            return serverTx;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        }
    }

    private void respond(RequestEvent event, int status, String reason, SipLeg leg) throws Exception {
        ServerTransaction serverTx = serverTransaction(event);
        if (serverTx != null) {
            serverTx.sendResponse(messages.response(event.getRequest(), status, reason, leg));
        }
    }

    private void respondQuietly(RequestEvent event, int status, String reason) {
        try {
            provider.sendResponse(messages.plain(event.getRequest(), status, reason));
        } catch (Exception e) {
            LOG.debug("could not answer {}: {}", status, e.toString());
        }
    }

    static String callIdOf(javax.sip.message.Message message) {
        CallIdHeader callId = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return callId == null ? "?" : callId.getCallId();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    }
}
