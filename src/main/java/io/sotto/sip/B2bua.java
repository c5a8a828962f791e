package io.sotto.sip;

import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.CallConductor;
import io.sotto.call.CallRegistry;
import io.sotto.call.RecordingControl;
import io.sotto.call.Routing;
import io.sotto.config.LiveSettings;
import io.sotto.config.PeerKind;
import io.sotto.config.SottoConfig;
import io.sotto.control.Trigger;
import io.sotto.media.MediaOpener;

/**
 * The back-to-back user agent: every call is two independent SIP dialogs, the caller's leg (Sotto
 * is its UAS) and the callee's leg (Sotto is its UAC), with media anchored on Sotto's ports.
 * Runs only on the call conductor thread; the stack's listener hands every event over to it.
 *
 * <p>This class finds the leg an event belongs to and hands the event, by method or kind, to the
 * part it concerns: {@link PeerGate}, {@link CallSetup}, {@link InviteResponses},
 * {@link DialogRelay}, {@link InfoHandler}, {@link CallEndings}, {@link Transfers}; a SIPREC recording
 * client's sessions (peers of kind src) to {@link SiprecServer}.
 */
final class B2bua implements Transfers.Calls {
    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);

    private final SipProvider provider;
    private final LegMessages messages;
    private final Legs legs = new Legs();
    private final ServerTransactions answers;
    private final PeerGate peers;
    private final NewInviteIntake intake;
    private final Transfers transfers;
    private final CallEndings endings;
    private final DialogProbes probes;
    private final CallSetup setup;
    private final InviteResponses inviteResponses;
    private final DialogRelay relay;
    private final InfoHandler info;
    private final SiprecServer siprec;
    private final LegRequests requests;

    B2bua(SottoConfig config, LiveSettings settings, SipProvider provider, LegMessages messages, MediaOpener media,
          CallRegistry registry, CallConductor conductor, RecordingControl control,
          NanoClock nanoClock, EpochClock epochClock) {
        this.provider = provider;
        this.messages = messages;
        Routing routing = new Routing(config);
        String sdpAddress = config.sip().advertise() != null ? config.sip().advertise() : config.media().address();
        SdpBridge bridge = new SdpBridge(sdpAddress);
        SdpOffers offers = new SdpOffers(config.media().codecs());
        LegRequests requests = new LegRequests(provider, messages, conductor, legs);
        RequestMedia requestMedia = new RequestMedia(media, conductor);
        requestMedia.handler(this::onRequest);
        long ringTimeoutNanos = TimeUnit.SECONDS.toNanos(config.sip().ringTimeoutSeconds());
        this.answers = new ServerTransactions(provider, messages);
        this.peers = new PeerGate(routing, provider, messages);
        this.intake = new NewInviteIntake(provider, peers, messages);
        this.transfers = new Transfers(provider, messages, routing, requestMedia, control, conductor, bridge,
                offers.codecs(), legs, this, requests, ringTimeoutNanos);
        this.endings = new CallEndings(messages, answers, requests, legs, transfers, control, registry, requestMedia);
        this.probes = new DialogProbes(provider, conductor, endings,
                TimeUnit.SECONDS.toNanos(config.sip().dialogProbeSeconds()));
        this.setup = new CallSetup(provider, messages, answers, peers, routing, offers, bridge, requestMedia, legs,
                registry, conductor, control, epochClock, endings, ringTimeoutNanos, settings);
        this.inviteResponses = new InviteResponses(messages, requests, offers, bridge, legs,
                control, nanoClock, epochClock, endings, probes);
        this.relay = new DialogRelay(provider, messages, answers, offers, bridge, requests, legs);
        this.info = new InfoHandler(answers, control, nanoClock, relay);
        this.requests = requests;
        this.siprec = new SiprecServer(messages, answers, legs, registry, conductor, control, requestMedia, settings,
                offers.codecs(), sdpAddress, nanoClock, epochClock);
    }

    /** Runs on the stack's thread before a request is queued for the conductor ({@link NewInviteIntake}). */
    NewInviteIntake intake() {
        return intake;
    }

    long forbiddenCount() {
        return peers.forbiddenCount();
    }

    int legCount() {
        return legs.size();
    }

    /** The live leg with this Call-ID, or null; read on the conductor (tests look at a call's state through it). */
    SipLeg leg(String sipCallId) {
        return legs.get(sipCallId);
    }

    void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            if (!peers.admits(request)) {
                return;
            }
            String method = request.getMethod();
            SipLeg leg = legs.get(LegMessages.callIdOf(request));
            if (SiprecServer.owns(leg)) {
                siprec.onRequest(event, leg);
                return;
            }
            if (Request.ACK.equals(method)) {
                relay.onAck(request);
                return;
            }
            if (Request.CANCEL.equals(method)) {
                endings.onCancel(event, leg);
                return;
            }
            boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
            if (leg == null) {
                if (inDialog) {
                    answers.respond(event, 481, "Call/Transaction Does Not Exist", null);
                } else if (Request.INVITE.equals(method) && SiprecServer.takesNewInvite(request, peers.peerOf(request))) {
                    siprec.onNewInvite(event, peers.peerOf(request));
                } else if (Request.INVITE.equals(method) && request.getHeader("Replaces") != null) {
                    transfers.onReplacingInvite(event, peers.peerOf(request));
                } else if (Request.INVITE.equals(method)) {
                    setup.onNewCall(event);
                } else if (Request.OPTIONS.equals(method) && peers.peerOf(request).kind() == PeerKind.SRC) {
                    provider.sendResponse(siprec.optionsAnswer(request));
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
                case Request.BYE -> endings.onBye(event, leg);
                case Request.OPTIONS -> answers.respond(event, 200, null, leg);
                case Request.REFER -> transfers.onRefer(event, leg);
                case Request.INFO -> info.onInfo(event, leg);
                default -> relay.relay(event, leg);
            }
        } catch (Exception e) {
            LOG.warn("{} {} failed: {}", request.getMethod(), LegMessages.callIdOf(request), e.toString());
            if (!Request.ACK.equals(request.getMethod())) {
                answers.respondQuietly(event, 500, "Server Internal Error");
            }
        }
    }

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        try {
            if (probes.onResponse(event.getClientTransaction(), response) || transfers.onResponse(event)) {
                return;
            }
            SipLeg leg = legs.get(LegMessages.callIdOf(response));
            if (leg == null) {
                return;
            }
            String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
            ClientTransaction clientTx = event.getClientTransaction();
            Relay relayed = clientTx == null ? null : leg.call.relays.get(clientTx);
            if (relayed != null) {
                relay.onResponse(leg, relayed, clientTx, response);
            } else if (Request.INVITE.equals(method) && leg.role == SipLeg.Role.CALLEE
                    && (clientTx == null || clientTx == leg.inviteClientTx)) {
                // a forked 2xx forms its own dialog: ACK and talk on the one the answer belongs to
                if (event.getDialog() != null) {
                    leg.dialog = event.getDialog();
                }
                inviteResponses.onResponse(leg, response);
            }
        } catch (Exception e) {
            LOG.warn("response {} {} failed: {}", response.getStatusCode(), LegMessages.callIdOf(response),
                    e.toString());
        }
    }

    void onTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction clientTx = event.getClientTransaction();
        if (probes.onTimeout(clientTx) || transfers.onTimeout(clientTx)) {
            return;
        }
        SipLeg leg = legs.get(LegMessages.callIdOf(clientTx.getRequest()));
        if (leg != null && !relay.onTimeout(leg, clientTx)) {
            endings.onTimeout(leg, clientTx);
        }
    }

    void onAckTimeout(Dialog dialog) {
        SipLeg leg = legs.get(dialog.getCallId().getCallId());
        if (SiprecServer.owns(leg)) {
            siprec.onAckTimeout(leg);
            return;
        }
        endings.onAckTimeout(dialog);
    }

    /** Ends every live call (shutdown): BYE on both legs, recordings closed. */
    void endAll() {
        siprec.endAll(requests);
        endings.endAll();
    }

    @Override
    public void hangUp(SipCall sipCall, String reason) {
        endings.hangUp(sipCall, reason);
    }

    @Override
    public void end(SipCall sipCall, String reason, Trigger how) {
        endings.end(sipCall, reason, how);
    }
}
