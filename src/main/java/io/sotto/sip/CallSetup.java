package io.sotto.sip;

import java.util.Optional;

import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CallIdHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;

import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.Call;
import io.sotto.call.CallConductor;
import io.sotto.call.CallRegistry;
import io.sotto.call.Direction;
import io.sotto.call.Ids;
import io.sotto.call.RecordingControl;
import io.sotto.call.Route;
import io.sotto.call.Routing;
import io.sotto.config.LiveSettings;
import io.sotto.config.PeerConfig;
import io.sotto.config.Settings;
import io.sotto.control.Trigger;
import io.sotto.media.MediaException;
import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpException;

/**
 * A new INVITE becomes a call: routed to a peer, its offer cut to Sotto's codecs and anchored on
 * a new media session, the caller's leg (Sotto its UAS) and the callee's (Sotto its UAC, a new
 * Call-ID), and the INVITE to the callee, given {@code sip.ring_timeout} to be answered.
 */
final class CallSetup {
    private static final Logger LOG = LoggerFactory.getLogger(CallSetup.class);

    private final SipProvider provider;
    private final LegMessages messages;
    private final ServerTransactions answers;
    private final PeerGate peers;
    private final Routing routing;
    private final SdpOffers offers;
    private final SdpBridge bridge;
    private final RequestMedia media;
    private final Legs legs;
    private final CallRegistry registry;
    private final CallConductor conductor;
    private final RecordingControl control;
    private final EpochClock epochClock;
    private final CallEndings endings;
    private final long ringTimeoutNanos;
    private final LiveSettings settings;

    CallSetup(SipProvider provider, LegMessages messages, ServerTransactions answers, PeerGate peers,
              Routing routing, SdpOffers offers, SdpBridge bridge, RequestMedia media, Legs legs,
              CallRegistry registry, CallConductor conductor, RecordingControl control, EpochClock epochClock,
              CallEndings endings, long ringTimeoutNanos, LiveSettings settings) {
        this.provider = provider;
        this.messages = messages;
        this.answers = answers;
        this.peers = peers;
        this.routing = routing;
        this.offers = offers;
        this.bridge = bridge;
        this.media = media;
        this.legs = legs;
        this.registry = registry;
        this.conductor = conductor;
        this.control = control;
        this.epochClock = epochClock;
        this.endings = endings;
        this.ringTimeoutNanos = ringTimeoutNanos;
        this.settings = settings;
    }

    void onNewCall(RequestEvent event) throws Exception {
        Request invite = event.getRequest();
        ServerTransaction serverTx = answers.of(event);
        if (serverTx == null) {
            return;
        }
        if (ServerTransactions.answered(serverTx)) {
            return; // answered while its media was being opened
        }
        if (!media.handlingAgain(invite)) {
            // RFC 3261 17.2.1: one 100 stops the caller's retransmissions; the second run needs none.
            serverTx.sendResponse(messages.plain(invite, 100, null));
        }
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) invite.getHeader(MaxForwardsHeader.NAME);
        if (maxForwards != null && maxForwards.getMaxForwards() <= 0) {
            serverTx.sendResponse(messages.plain(invite, 483, "Too Many Hops"));
            return;
        }
        String calledUser = LegMessages.userOf(invite.getRequestURI());
        PeerConfig source = peers.peerOf(invite);
        // the call keeps the settings it arrived under to its end
        Settings settings = this.settings.current();
        Optional<Route> route = routing.route(source, calledUser, settings.users());
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
                offer = offers.filter(body);
            } catch (SdpException e) {
                LOG.info("INVITE {}: SDP refused: {}", LegMessages.callIdOf(invite), e.getMessage());
                SdpOffers.Refusal refusal = SdpOffers.refusal(e);
                serverTx.sendResponse(messages.plain(invite, refusal.status(), refusal.reason()));
                return;
            }
        }
        MediaSession session;
        try {
            session = media.take(event, serverTx);
        } catch (MediaException e) {
            LOG.error("INVITE {}: {}", LegMessages.callIdOf(invite), e.getMessage());
            serverTx.sendResponse(messages.plain(invite, 503, "No Media Ports Available"));
            return;
        }
        if (session == null) {
            return; // handled again once its ports are bound
        }
        Direction direction = route.get().direction();
        String callerUser = LegMessages.userOf(invite, "From");
        String number = switch (direction) {
            case INBOUND -> calledUser;
            case OUTBOUND -> callerUser;
            case INTERNAL -> null;
        };
        Call call = new Call(Ids.next(), direction, callerUser, calledUser, number, session, epochClock.time(),
                settings);
        SipCall sipCall = new SipCall(call);
        String transport = LegMessages.transportOf(invite);
        SipLeg caller = new SipLeg(sipCall, SipLeg.Role.CALLER, LegMessages.callIdOf(invite), transport,
                LegMessages.newTag());
        caller.inviteServerTx = serverTx;
        caller.dialog = serverTx.getDialog();
        caller.initialRequest = invite;
        caller.peer = source;
        sipCall.caller = caller;

        CallIdHeader calleeCallId = provider.getNewCallId();
        SipLeg callee = new SipLeg(sipCall, SipLeg.Role.CALLEE, calleeCallId.getCallId(), transport, null);
        callee.peer = route.get().target();
        sipCall.callee = callee;
        String anchored = offer == null ? null : bridge.carry(caller, callee, offer);
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
            endings.endCall(sipCall, "error", Trigger.HANGUP);
            return;
        }
        callee.ringTimer = conductor.schedule(ringTimeoutNanos, () -> endings.onRingTimeout(callee));
    }
}
