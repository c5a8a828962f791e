package io.sotto.sip;

import java.util.Optional;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.Call;
import io.sotto.call.CallConductor;
import io.sotto.call.Route;
import io.sotto.call.Routing;
import io.sotto.config.PeerConfig;
import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.Sdp;

/**
 * A blind transfer (REFER without Replaces, docs/transfer.md): Sotto invites the Refer-To target
 * from the remaining party's number with that party's media on a new session, and on the target's
 * answer the call changes. A target that fails, or rings past {@code sip.ring_timeout}, leaves the
 * call as it was; one that answers after its transfer was given up is hung up on.
 */
final class BlindTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(BlindTransfer.class);

    private final SipProvider provider;
    private final LegMessages messages;
    private final Routing routing;
    private final SdpBridge bridge;
    private final CallConductor conductor;
    private final LegRequests requests;
    private final Legs legs;
    private final TransfersUnderWay underWay;
    private final TransferorSubscription transferor;
    private final TransferOutcome outcome;
    private final BridgeReinvites bridges;
    private final Transfers.Calls calls;
    private final long ringTimeoutNanos;
    private final TransferMedia media;

    BlindTransfer(SipProvider provider, LegMessages messages, Routing routing, SdpBridge bridge, TransferMedia media,
                  CallConductor conductor, LegRequests requests, Legs legs, TransfersUnderWay underWay,
                  TransferorSubscription transferor, TransferOutcome outcome, BridgeReinvites bridges,
                  Transfers.Calls calls, long ringTimeoutNanos) {
        this.provider = provider;
        this.messages = messages;
        this.routing = routing;
        this.bridge = bridge;
        this.conductor = conductor;
        this.requests = requests;
        this.legs = legs;
        this.underWay = underWay;
        this.transferor = transferor;
        this.outcome = outcome;
        this.bridges = bridges;
        this.calls = calls;
        this.ringTimeoutNanos = ringTimeoutNanos;
        this.media = media;
    }

    /** The REFER of {@code from}'s party, checked by {@link Transfers}: invite the target. */
    void refer(RequestEvent event, ServerTransaction tx, Request refer, SipLeg from, SipLeg remaining, ReferTo target,
               boolean notifying)
            throws Exception {
        Optional<PeerConfig> targetPeer = targetPeerOf(from, target);
        if (targetPeer.isEmpty()) {
            tx.sendResponse(messages.response(refer, 503, "No Route To Destination", from));
            return;
        }
        MediaSession session = media.open(event, tx, refer, from);
        if (session == null) {
            return;
        }
        SipCall sipCall = from.call;
        CallIdHeader callId = provider.getNewCallId();
        SipLeg partner = new SipLeg(sipCall, from.role, callId.getCallId(), from.transport, null);
        partner.peer = targetPeer.get();
        Transfer transfer = new Transfer(Transfer.Kind.BLIND, sipCall, from, remaining, partner, target.user(),
                session, null);
        underWay.add(sipCall, transfer);
        transferor.accept(transfer, tx, refer, notifying);
        Sdp offer = remaining.remoteSdp.sendRecv();
        SdpBridge.learnRemote(remaining, session, offer);
        Request invite = messages.transferInvite(partyOf(remaining), target.user(), targetPeer.get(),
                from.transport, callId, bridge.anchorTowards(partner, session, offer));
        ClientTransaction inviteTx = provider.getNewClientTransaction(invite);
        partner.inviteClientTx = inviteTx;
        partner.dialog = inviteTx.getDialog();
        legs.add(partner);
        underWay.waitOn(transfer, inviteTx);
        LOG.info("call {}: {} transfers the {} to {} ({})", sipCall.call.id(), from.sideName(), remaining.sideName(),
                target.user(), targetPeer.get().name());
        try {
            inviteTx.sendRequest();
        } catch (SipException e) {
            underWay.answered(inviteTx);
            outcome.failed(transfer, 503, "Service Unavailable");
            return;
        }
        conductor.schedule(ringTimeoutNanos, () -> onRingTimeout(transfer, inviteTx));
    }

    /** A response to the target's INVITE. */
    void onResponse(Transfer transfer, ClientTransaction tx, ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        SipLeg target = transfer.partner;
        if (status < 200) {
            if (status > 100) {
                target.provisionalReceived = true;
                if (target.cancelPending) {
                    requests.cancel(target);
                }
            }
            return;
        }
        underWay.answered(tx);
        if (status < 300) {
            if (event.getDialog() != null) {
                target.dialog = event.getDialog();
            }
            requests.ack(target, response);
        }
        if (transfer.abandoned) {
            if (status < 300) {
                requests.bye(target);
            }
            legs.remove(target);
            return;
        }
        if (status >= 300) {
            outcome.failed(transfer, status, response.getReasonPhrase());
            return;
        }
        Sdp answer = SdpBridge.sdpIn(response);
        if (answer == null) {
            requests.bye(target);
            outcome.failed(transfer, 488, "Not Acceptable Here");
            return;
        }
        target.answer = response;
        SdpBridge.learnRemote(target, transfer.side(), transfer.media, answer);
        outcome.complete(transfer, answer);
        bridges.start(transfer.remaining);
    }

    /** The target's INVITE got no answer at all (timer B). */
    void onTimeout(Transfer transfer) {
        if (transfer.abandoned) {
            legs.remove(transfer.partner);
        } else {
            outcome.failedQuietly(transfer, 408, "Request Timeout");
        }
    }

    /** The call ends under the transfer: the target is cancelled, or hung up on if it answers. */
    void abandon(Transfer transfer) {
        // no NOTIFY: the transferor's dialog ends with the call, and its subscription with it
        giveUp(transfer);
    }

    /**
     * The target still rings {@code sip.ring_timeout} after its INVITE: it is cancelled, the
     * transferor hears 408 and the call goes on as it was.
     */
    private void onRingTimeout(Transfer transfer, ClientTransaction inviteTx) {
        if (underWay.waitingOn(inviteTx) != transfer || transfer.abandoned) {
            return;
        }
        LOG.info("call {}: the transfer target {} did not answer within the ring timeout",
                transfer.call.call.id(), transfer.partnerUser);
        giveUp(transfer);
        if (transfer.transferorGone) {
            calls.hangUp(transfer.call, "hangup");
        } else {
            transferor.failed(transfer, "SIP/2.0 408 Request Timeout");
        }
    }

    /** The transfer touches its call no more; the target's late answers are only cleaned up. */
    private void giveUp(Transfer transfer) {
        underWay.release(transfer);
        transfer.abandoned = true;
        transfer.media.close();
        SipLeg target = transfer.partner;
        if (target.provisionalReceived) {
            requests.cancel(target);
        } else {
            target.cancelPending = true;
        }
    }

    /**
     * The peer the target is invited at: the configured peer whose address the Refer-To names,
     * else the one the routing rules (README, "What Sotto does with a call") give for the target user
     * from the transferor's peer. Any other address in the Refer-To is never sent to (no open relay).
     */
    private Optional<PeerConfig> targetPeerOf(SipLeg from, ReferTo target) {
        Optional<PeerConfig> named = target.address()
                .flatMap(address -> routing.peerSentTo(address, target.portOrDefault()));
        return named.isPresent() ? named : routing.route(from.peer, target.user(), from.call.call.settings().users())
                .map(Route::target);
    }

    /** The number or user part of the party on {@code leg}, as the call shows it. */
    private static String partyOf(SipLeg leg) {
        Call call = leg.call.call;
        return leg.role == SipLeg.Role.CALLER ? call.caller() : call.callee();
    }
}
