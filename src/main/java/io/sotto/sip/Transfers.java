package io.sotto.sip;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;

import javax.sip.ClientTransaction;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CallIdHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.Call;
import io.sotto.call.CallConductor;
import io.sotto.call.CallState;
import io.sotto.call.CallTransfer;
import io.sotto.call.Direction;
import io.sotto.call.RecordingControl;
import io.sotto.call.Route;
import io.sotto.call.Routing;
import io.sotto.config.DtmfConfig;
import io.sotto.config.PeerConfig;
import io.sotto.control.Agent;
import io.sotto.control.Trigger;
import io.sotto.media.MediaException;
import io.sotto.media.MediaRelay;
import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpException;

/**
 * Transfers, carried out by the B2BUA itself (SPEC 6): a REFER from either leg (RFC 3515, with
 * RFC 4488's Refer-Sub), with or without Replaces in its Refer-To, and an INVITE with Replaces
 * (RFC 3891) naming one of Sotto's dialogs. Either way one party of a call is replaced by
 * another: Sotto reaches the new party, bridges it with the remaining one on a new media session
 * (re-INVITE, ports anchored on Sotto), ends the leaving leg, and tells the recording control the
 * moment the call changed. A transfer that fails leaves the call as it was. Runs on the call
 * conductor thread, like {@link B2bua}, which hands it what concerns transfers.
 */
final class Transfers {
    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);
    private static final String TRYING = "SIP/2.0 100 Trying";

    /** What the B2BUA does with whole calls, for a transfer that ends one. */
    interface Calls {
        /** Ends the call's recording ({@code reason}, {@code how}), frees its media, forgets its legs. */
        void end(SipCall call, String reason, Trigger how);

        /** BYE on every confirmed leg, then {@link #end}. */
        void hangUp(SipCall call, String reason);
    }

    private final SipProvider provider;
    private final LegMessages messages;
    private final Routing routing;
    private final MediaRelay media;
    private final RecordingControl control;
    private final CallConductor conductor;
    private final SdpBridge bridge;
    private final LegAgents legAgents;
    private final DtmfConfig dtmf;
    private final List<String> codecs;
    private final Legs legs;
    private final NanoClock nanoClock;
    private final Calls calls;
    private final LegRequests requests;
    private final long ringTimeoutNanos;
    private final ReplacesIndex index;
    /** Transfers by the INVITE or re-INVITE they wait on. */
    private final Map<ClientTransaction, Transfer> byTransaction = new IdentityHashMap<>();
    /** At most one transfer per call, by each call it touches. */
    private final Map<SipCall, Transfer> byCall = new IdentityHashMap<>();
    private final BridgeReinvites bridges;
    /**
     * Transferors told of the transfer's success, by that last NOTIFY: their BYE waits for its
     * answer, so a phone reads the outcome before its call ends, and a transferor that hangs
     * up on its own first is answered 200.
     */
    private final Map<ClientTransaction, SipLeg> departing = new IdentityHashMap<>();

    Transfers(SipProvider provider, LegMessages messages, Routing routing, MediaRelay media, RecordingControl control,
              CallConductor conductor, SdpBridge bridge, LegAgents legAgents, DtmfConfig dtmf, List<String> codecs,
              Legs legs, NanoClock nanoClock, Calls calls, LegRequests requests, long ringTimeoutNanos) {
        this.provider = provider;
        this.messages = messages;
        this.routing = routing;
        this.media = media;
        this.control = control;
        this.conductor = conductor;
        this.bridge = bridge;
        this.legAgents = legAgents;
        this.dtmf = dtmf;
        this.codecs = codecs;
        this.legs = legs;
        this.nanoClock = nanoClock;
        this.calls = calls;
        this.ringTimeoutNanos = ringTimeoutNanos;
        this.requests = requests;
        this.index = new ReplacesIndex(legs);
        this.bridges = new BridgeReinvites(requests, bridge, conductor, calls);
    }

    // ---- REFER ---------------------------------------------------------------------------------

    /** A REFER in the dialog of {@code from}: its party (the transferor) hands the other party on. */
    void onRefer(RequestEvent event, SipLeg from) throws Exception {
        Request refer = event.getRequest();
        ServerTransaction tx = B2bua.serverTransaction(provider, event);
        if (tx == null) {
            return;
        }
        SipCall sipCall = from.call;
        if (sipCall.call.state() != CallState.ANSWERED || from.dialog.getState() != DialogState.CONFIRMED) {
            tx.sendResponse(messages.response(refer, 403, "Call Not Answered", from));
            return;
        }
        if (byCall.containsKey(sipCall)) {
            tx.sendResponse(messages.response(refer, 491, "Transfer Already In Progress", from));
            return;
        }
        List<String> referTos = values(refer, "Refer-To");
        // RFC 3515 section 2.4.1: exactly one Refer-To, else 400
        if (referTos.size() != 1) {
            tx.sendResponse(messages.response(refer, 400,
                    referTos.isEmpty() ? "Missing Refer-To" : "More Than One Refer-To", from));
            return;
        }
        Optional<ReferTo> target = ReferTo.parse(referTos.get(0));
        if (target.isEmpty()) {
            tx.sendResponse(messages.response(refer, 400, "Refer-To Is Not A SIP URI With A User", from));
            return;
        }
        SipLeg remaining = from.other();
        if (remaining.remoteSdp == null) {
            tx.sendResponse(messages.response(refer, 488, "No Media To Offer The Target", from));
            return;
        }
        // RFC 4488: Refer-Sub: false asks for no implicit subscription, so no NOTIFY
        List<String> referSub = values(refer, "Refer-Sub");
        boolean notifying = referSub.isEmpty() || !"false".equalsIgnoreCase(referSub.get(0).trim());
        if (target.get().replaces() != null) {
            referReplacing(tx, refer, from, remaining, target.get(), notifying);
        } else {
            referBlind(tx, refer, from, remaining, target.get(), notifying);
        }
    }

    private void referBlind(ServerTransaction tx, Request refer, SipLeg from, SipLeg remaining, ReferTo target,
                            boolean notifying) throws Exception {
        Optional<PeerConfig> targetPeer = targetPeerOf(from, target);
        if (targetPeer.isEmpty()) {
            tx.sendResponse(messages.response(refer, 503, "No Route To Destination", from));
            return;
        }
        MediaSession session = openMedia(tx, refer, from);
        if (session == null) {
            return;
        }
        SipCall sipCall = from.call;
        CallIdHeader callId = provider.getNewCallId();
        SipLeg partner = new SipLeg(sipCall, from.role, callId.getCallId(), from.transport, null);
        partner.peer = targetPeer.get();
        Transfer transfer = new Transfer(Transfer.Kind.BLIND, sipCall, from, remaining, partner, target.user(),
                session, null);
        accept(transfer, tx, refer, notifying);
        Sdp offer = remaining.remoteSdp.sendRecv();
        SdpBridge.learnRemote(remaining, session, offer);
        Request invite = messages.transferInvite(partyOf(remaining), target.user(), targetPeer.get(),
                from.transport, callId, bridge.anchorTowards(partner, session, offer));
        ClientTransaction inviteTx = provider.getNewClientTransaction(invite);
        partner.inviteClientTx = inviteTx;
        partner.dialog = inviteTx.getDialog();
        legs.add(partner);
        waitOn(transfer, inviteTx);
        LOG.info("call {}: {} transfers the {} to {} ({})", sipCall.call.id(), sideName(from), sideName(remaining),
                target.user(), targetPeer.get().name());
        try {
            inviteTx.sendRequest();
        } catch (SipException e) {
            byTransaction.remove(inviteTx);
            failed(transfer, 503, "Service Unavailable");
            return;
        }
        conductor.schedule(ringTimeoutNanos, () -> onTargetRingTimeout(transfer, inviteTx));
    }

    /**
     * The target still rings {@code sip.ring_timeout} after its INVITE: it is cancelled, the
     * transferor hears 408 and the call goes on as it was. The INVITE's late answers are then
     * cleaned up as for a call that ended under its transfer.
     */
    private void onTargetRingTimeout(Transfer transfer, ClientTransaction inviteTx) {
        if (byTransaction.get(inviteTx) != transfer || transfer.abandoned) {
            return;
        }
        LOG.info("call {}: the transfer target {} did not answer within the ring timeout",
                transfer.call.call.id(), transfer.partnerUser);
        byCall.values().removeIf(each -> each == transfer);
        transfer.abandoned = true;
        transfer.media.close();
        SipLeg partner = transfer.partner;
        if (partner.provisionalReceived) {
            requests.cancel(partner);
        } else {
            partner.cancelPending = true;
        }
        if (transfer.transferorGone) {
            calls.hangUp(transfer.call, "hangup");
        } else if (transfer.notifying) {
            requests.notify(transfer.leaving, "SIP/2.0 408 Request Timeout", true);
        }
    }

    /**
     * The peer the target is invited at: the configured peer whose address the Refer-To names,
     * else the one the routing rules (SPEC 4) give for the target user from the transferor's
     * peer. Any other address in the Refer-To is never sent to (no open relay).
     */
    private Optional<PeerConfig> targetPeerOf(SipLeg from, ReferTo target) {
        Optional<PeerConfig> named = target.address()
                .flatMap(address -> routing.peerSentTo(address, target.portOrDefault()));
        return named.isPresent() ? named : routing.route(from.peer, target.user()).map(Route::target);
    }

    private void referReplacing(ServerTransaction tx, Request refer, SipLeg from, SipLeg remaining, ReferTo target,
                                boolean notifying) throws Exception {
        Optional<ReplacesValue> replaces = ReplacesValue.parse(target.replaces());
        if (replaces.isEmpty()) {
            tx.sendResponse(messages.response(refer, 400, "Bad Replaces In Refer-To", from));
            return;
        }
        SipLeg named = index.find(replaces.get(), from.peer);
        if (named != null && named.call == from.call) {
            tx.sendResponse(messages.response(refer, 400, "Replaces Names This Call", from));
            return;
        }
        if (named != null && byCall.containsKey(named.call)) {
            tx.sendResponse(messages.response(refer, 491, "Transfer Already In Progress", from));
            return;
        }
        SipLeg partner = named == null ? null : named.other();
        if (partner == null || partner.remoteSdp == null || partner.dialog == null
                || partner.dialog.getState() != DialogState.CONFIRMED) {
            // as the target of an INVITE with this Replaces would answer (RFC 3891 section 3)
            tx.sendResponse(accepted(refer, from, notifying));
            if (notifying) {
                requests.notify(from, "SIP/2.0 481 Call/Transaction Does Not Exist", true);
            }
            LOG.info("call {}: attended transfer refused: Replaces names no call through Sotto", from.call.call.id());
            return;
        }
        MediaSession session = openMedia(tx, refer, from);
        if (session == null) {
            return;
        }
        SipCall sipCall = from.call;
        Call other = named.call.call;
        String partnerUser = partner.role == SipLeg.Role.CALLER ? other.caller() : other.callee();
        Transfer transfer = new Transfer(Transfer.Kind.REFER_REPLACES, sipCall, from, remaining, partner, partnerUser,
                session, named);
        byCall.put(named.call, transfer);
        accept(transfer, tx, refer, notifying);
        Sdp offer = remaining.remoteSdp.sendRecv();
        SdpBridge.learnRemote(remaining, session, offer);
        LOG.info("call {}: {} transfers the {} to {} of call {} (attended)", sipCall.call.id(), sideName(from),
                sideName(remaining), partnerUser, other.id());
        reinvite(transfer, partner, bridge.anchorTowards(partner, transfer.side(), session, offer));
    }

    private void accept(Transfer transfer, ServerTransaction tx, Request refer, boolean notifying) throws Exception {
        tx.sendResponse(accepted(refer, transfer.leaving, notifying));
        transfer.notifying = notifying;
        byCall.put(transfer.call, transfer);
        if (notifying) {
            requests.notify(transfer.leaving, TRYING, false);
        }
    }

    /** 202, saying {@code Refer-Sub: false} when the REFER asked for no subscription (RFC 4488 section 4). */
    private Response accepted(Request refer, SipLeg from, boolean notifying) throws Exception {
        Response accepted = messages.response(refer, 202, null, from);
        if (!notifying) {
            accepted.addHeader(messages.header("Refer-Sub", "false"));
        }
        return accepted;
    }

    /** The transferor hung up while its transfer is under way: it goes, the others stay. */
    boolean onByeFromTransferor(RequestEvent event, SipLeg leg) throws Exception {
        Transfer transfer = byCall.get(leg.call);
        if (transfer == null || transfer.leaving != leg || transfer.kind == Transfer.Kind.INVITE_REPLACES) {
            return false;
        }
        ServerTransaction tx = B2bua.serverTransaction(provider, event);
        if (tx != null) {
            tx.sendResponse(messages.response(event.getRequest(), 200, null, leg));
        }
        transfer.transferorGone = true;
        legs.remove(leg);
        LOG.info("call {}: the transferor hung up; the transfer goes on", leg.call.call.id());
        return true;
    }

    // ---- INVITE with Replaces ------------------------------------------------------------------

    /** A new INVITE with Replaces from {@code source}: its party takes the named leg's place. */
    void onReplacingInvite(RequestEvent event, PeerConfig source) throws Exception {
        Request invite = event.getRequest();
        ServerTransaction tx = B2bua.serverTransaction(provider, event);
        if (tx == null) {
            return;
        }
        tx.sendResponse(messages.plain(invite, 100, null));
        Optional<ReplacesValue> replaces = ReplacesValue.parse(LegMessages.valueOf(invite.getHeader("Replaces")));
        if (replaces.isEmpty()) {
            tx.sendResponse(messages.plain(invite, 400, "Bad Replaces Header"));
            return;
        }
        SipLeg named = index.find(replaces.get(), source);
        if (named == null || named.other().remoteSdp == null) {
            // RFC 3891 section 3: no matching confirmed dialog
            tx.sendResponse(messages.plain(invite, 481, "Call/Transaction Does Not Exist"));
            return;
        }
        if (byCall.containsKey(named.call)) {
            tx.sendResponse(messages.plain(invite, 491, "Transfer Already In Progress"));
            return;
        }
        String body = LegMessages.sdpOf(invite);
        if (body == null) {
            tx.sendResponse(messages.plain(invite, 488, "Offer Required With Replaces"));
            return;
        }
        Sdp offer;
        try {
            offer = Sdp.parse(body).filterCodecs(codecs);
        } catch (SdpException e) {
            boolean noCodec = e.getMessage() != null && e.getMessage().contains("codec");
            tx.sendResponse(messages.plain(invite, noCodec ? 488 : 400, noCodec ? "Not Acceptable Here" : "Bad SDP"));
            return;
        }
        MediaSession session;
        try {
            session = media.open();
        } catch (MediaException e) {
            LOG.error("INVITE with Replaces: {}", e.getMessage());
            tx.sendResponse(messages.plain(invite, 503, "No Media Ports Available"));
            return;
        }
        SipCall sipCall = named.call;
        SipLeg partner = new SipLeg(sipCall, named.role, B2bua.callIdOf(invite), LegMessages.transportOf(invite),
                LegMessages.newTag());
        partner.inviteServerTx = tx;
        partner.dialog = tx.getDialog();
        partner.initialRequest = invite;
        partner.peer = source;
        SdpBridge.learnRemote(partner, session, offer);
        SipLeg remaining = named.other();
        String partnerUser = LegMessages.userOf(invite, "From");
        Transfer transfer = new Transfer(Transfer.Kind.INVITE_REPLACES, sipCall, named, remaining, partner,
                partnerUser, session, null);
        byCall.put(sipCall, transfer);
        legs.add(partner);
        LOG.info("call {}: {} replaces the {} (INVITE with Replaces from {})", sipCall.call.id(), partnerUser,
                sideName(named), source.name());
        reinvite(transfer, remaining, bridge.anchorTowards(remaining, session, offer));
    }

    // ---- responses -----------------------------------------------------------------------------

    /** A response to a request a transfer sent; false when it is not one. */
    boolean onResponse(ResponseEvent event) throws Exception {
        ClientTransaction tx = event.getClientTransaction();
        if (tx == null) {
            return false;
        }
        Transfer transfer = byTransaction.get(tx);
        if (transfer != null) {
            onTransferResponse(transfer, tx, event);
            return true;
        }
        if (bridges.onResponse(tx, event.getResponse())) {
            return true;
        }
        SipLeg transferor = departing.get(tx);
        if (transferor != null) {
            if (event.getResponse().getStatusCode() >= 200) {
                departing.remove(tx);
                depart(transferor);
            }
            return true;
        }
        return false;
    }

    /**
     * A request on the leg of a transferor who is being sent away: its BYE is answered 200 and
     * ends the leg, anything else 481 (the call it was on has moved on without it).
     *
     * @return false when the leg is not one of those
     */
    boolean onDepartingRequest(RequestEvent event, SipLeg leg) throws Exception {
        if (!departing.containsValue(leg)) {
            return false;
        }
        ServerTransaction tx = B2bua.serverTransaction(provider, event);
        boolean bye = Request.BYE.equals(event.getRequest().getMethod());
        if (tx != null) {
            tx.sendResponse(messages.response(event.getRequest(), bye ? 200 : 481,
                    bye ? null : "Call/Transaction Does Not Exist", leg));
        }
        if (bye) {
            departing.values().removeIf(each -> each == leg);
            legs.remove(leg);
        }
        return true;
    }

    private void depart(SipLeg transferor) {
        requests.bye(transferor);
        legs.remove(transferor);
    }

    /** A request of a transfer got no answer; false when it is not one. */
    boolean onTimeout(ClientTransaction tx) {
        Transfer transfer = byTransaction.remove(tx);
        if (transfer != null) {
            if (!transfer.abandoned) {
                failedQuietly(transfer, 408, "Request Timeout");
            } else if (transfer.kind == Transfer.Kind.BLIND) {
                legs.remove(transfer.partner);
            }
            return true;
        }
        SipLeg transferor = departing.remove(tx);
        if (transferor != null) {
            depart(transferor);
            return true;
        }
        return bridges.onTimeout(tx);
    }

    private void onTransferResponse(Transfer transfer, ClientTransaction tx, ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        SipLeg answering = transfer.kind == Transfer.Kind.INVITE_REPLACES ? transfer.remaining : transfer.partner;
        if (status < 200) {
            if (status > 100 && transfer.kind == Transfer.Kind.BLIND) {
                answering.provisionalReceived = true;
                if (answering.cancelPending) {
                    requests.cancel(answering);
                }
            }
            return;
        }
        byTransaction.remove(tx);
        if (status < 300 && event.getDialog() != null && transfer.kind == Transfer.Kind.BLIND) {
            answering.dialog = event.getDialog();
        }
        if (status < 300) {
            requests.ack(answering, response);
        }
        if (transfer.abandoned) {
            if (transfer.kind == Transfer.Kind.BLIND) {
                if (status < 300) {
                    requests.bye(answering);
                }
                legs.remove(answering);
            } else if (transfer.kind == Transfer.Kind.REFER_REPLACES && status < 300
                    && answering.call.call.state() == CallState.ANSWERED) {
                restore(answering);
            }
            return;
        }
        if (status >= 300) {
            failed(transfer, status, response.getReasonPhrase());
            return;
        }
        Sdp answer = answerIn(response);
        if (answer == null) {
            if (transfer.kind == Transfer.Kind.BLIND) {
                requests.bye(answering);
            }
            failed(transfer, 488, "Not Acceptable Here");
            return;
        }
        if (transfer.kind == Transfer.Kind.BLIND) {
            transfer.partner.answer = response;
        }
        if (transfer.kind == Transfer.Kind.INVITE_REPLACES) {
            SdpBridge.learnRemote(transfer.remaining, transfer.media, answer);
            SipLeg partner = transfer.partner;
            Response ok = messages.response(partner.initialRequest, 200, null, partner);
            messages.setSdp(ok, bridge.anchorTowards(partner, transfer.media, answer));
            partner.inviteServerTx.sendResponse(ok);
            complete(transfer, answer);
        } else {
            SdpBridge.learnRemote(transfer.partner, transfer.side(), transfer.media, answer);
            complete(transfer, answer);
            bridges.start(transfer.remaining);
        }
    }

    // ---- the moment of transfer ----------------------------------------------------------------

    /**
     * The new party is reached and agrees on media: the call changes now. The partner takes the
     * leaving leg's side, the recording control ends or carries on the recording, the old media
     * session is freed and the leaving leg (and, for an attended REFER, the other call) ends.
     */
    private void complete(Transfer transfer, Sdp partnerMedia) {
        SipCall sipCall = transfer.call;
        Call call = sipCall.call;
        forget(transfer);
        SipLeg partner = transfer.partner;
        SipLeg leaving = transfer.leaving;
        SipCall partnersCall = partner.call;
        if (partnersCall != sipCall) {
            // the other call ends without the partner, who now belongs to this one
            if (partnersCall.caller == partner) {
                partnersCall.caller = transfer.replaced;
            } else {
                partnersCall.callee = transfer.replaced;
            }
        }
        partner.moveTo(sipCall, leaving.role);
        if (leaving.role == SipLeg.Role.CALLER) {
            sipCall.caller = partner;
        } else {
            sipCall.callee = partner;
        }
        MediaSession session = transfer.media;
        SdpBridge.telephoneEvents(session, sipCall.caller, sipCall.callee);
        session.dtmfListener((side, digit, arrivalNanos) ->
                conductor.submit(() -> control.digit(call, side, digit, Trigger.DTMF, arrivalNanos)));
        Direction direction = LegAgents.direction(sipCall.caller, sipCall.callee);
        Agent[] agents = legAgents.of(direction, sipCall.caller, sipCall.callee);
        boolean partnerCalls = partner.role == SipLeg.Role.CALLER;
        String caller = partnerCalls ? transfer.partnerUser : call.caller();
        String callee = partnerCalls ? call.callee() : transfer.partnerUser;
        String codec = partnerMedia.audioCodec() == null ? call.codec() : partnerMedia.audioCodec();
        CallTransfer to = new CallTransfer(session, direction, caller, callee,
                LegAgents.parties(direction, call.number(), agents[0], agents[1]), agents[0], agents[1],
                List.of(sipCall.caller.sipCallId, sipCall.callee.sipCallId), codec);
        MediaSession previous = control.transferred(call, to, dtmf);
        previous.close();
        LOG.info("call {}: transferred; {} -> {} ({})", call.id(), caller, callee, direction.label());

        ClientTransaction lastNotify = transfer.kind != Transfer.Kind.INVITE_REPLACES && transfer.notifying
                && !transfer.transferorGone ? requests.notify(leaving, "SIP/2.0 200 OK", true) : null;
        if (lastNotify != null) {
            departing.put(lastNotify, leaving);
        } else {
            if (!transfer.transferorGone) {
                requests.bye(leaving);
            }
            legs.remove(leaving);
        }
        if (transfer.kind == Transfer.Kind.REFER_REPLACES) {
            SipLeg replaced = transfer.replaced;
            requests.bye(replaced);
            legs.remove(replaced);
            calls.end(partnersCall, RecordingControl.TRANSFERRED, Trigger.TRANSFER);
        }
    }

    /** The transfer failed: the call stays as it was, and the transferor hears why. */
    private void failed(Transfer transfer, int status, String reason) throws Exception {
        forget(transfer);
        transfer.media.close();
        SipCall sipCall = transfer.call;
        LOG.info("call {}: transfer to {} failed: {} {}", sipCall.call.id(), transfer.partnerUser, status, reason);
        switch (transfer.kind) {
            case BLIND -> legs.remove(transfer.partner);
            case INVITE_REPLACES -> {
                legs.remove(transfer.partner);
                transfer.partner.inviteServerTx.sendResponse(
                        messages.response(transfer.partner.initialRequest, status, reason, transfer.partner));
                return;
            }
            case REFER_REPLACES -> {
                // the partner answered on its own call's media before: back to it
            }
        }
        if (transfer.transferorGone) {
            // nobody is left to take the remaining party back
            calls.hangUp(sipCall, "hangup");
        } else if (transfer.notifying) {
            requests.notify(transfer.leaving, "SIP/2.0 " + status + " " + (reason == null ? "" : reason), true);
        }
    }

    private void failedQuietly(Transfer transfer, int status, String reason) {
        try {
            failed(transfer, status, reason);
        } catch (Exception e) {
            LOG.warn("call {}: ending the failed transfer: {}", transfer.call.call.id(), e.toString());
        }
    }

    /**
     * The call ends (hang-up, error) while a transfer of it is under way: the transfer's media
     * is freed at once, and the new party, when it answers, is cancelled or hung up on.
     */
    void abandon(SipCall sipCall) {
        Transfer transfer = byCall.get(sipCall);
        if (transfer == null) {
            return;
        }
        byCall.values().removeIf(each -> each == transfer);
        transfer.abandoned = true;
        transfer.media.close();
        SipLeg partner = transfer.partner;
        try {
            switch (transfer.kind) {
                case BLIND -> {
                    // no NOTIFY: the transferor's dialog ends with the call, and its subscription with it
                    if (partner.provisionalReceived) {
                        requests.cancel(partner);
                    } else {
                        partner.cancelPending = true;
                    }
                }
                case INVITE_REPLACES -> {
                    legs.remove(partner);
                    partner.inviteServerTx.sendResponse(messages.response(partner.initialRequest, 481,
                            "Call/Transaction Does Not Exist", partner));
                }
                case REFER_REPLACES -> {
                    // if the partner's call ended, the transferor's call goes on and hears why; if
                    // the transferor's call ended, the partner, once it answers the re-INVITE that
                    // offered it the freed session, is put back on its own call's media
                    if (sipCall != transfer.call && transfer.notifying && !transfer.transferorGone) {
                        requests.notify(transfer.leaving, "SIP/2.0 487 Request Terminated", true);
                    }
                }
            }
        } catch (Exception e) {
            LOG.debug("call {}: abandoning the transfer: {}", sipCall.call.id(), e.toString());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private MediaSession openMedia(ServerTransaction tx, Request refer, SipLeg from) throws Exception {
        try {
            return media.open();
        } catch (MediaException e) {
            LOG.error("call {}: REFER: {}", from.call.call.id(), e.getMessage());
            tx.sendResponse(messages.response(refer, 503, "No Media Ports Available", from));
            return null;
        }
    }

    /** re-INVITE with an offer on {@code leg}; the transfer waits on its answer. */
    private void reinvite(Transfer transfer, SipLeg leg, String sdp) throws Exception {
        ClientTransaction tx = requests.reinvite(leg, sdp);
        waitOn(transfer, tx);
        byCall.put(transfer.call, transfer);
        try {
            requests.send(leg, tx);
        } catch (SipException e) {
            // RFC 3261 section 14.1: an INVITE of the party's own is pending in the dialog
            byTransaction.remove(tx);
            failed(transfer, 491, "Request Pending");
        }
    }

    /**
     * An attended transfer whose transferor's call ended before the partner answered: the
     * partner took the transfer's session, now freed, so it is re-INVITEd back onto its own
     * call's session, with the media of the party it talked to there.
     */
    private void restore(SipLeg partner) {
        LOG.info("call {}: the transfer's call ended; the {} goes back to its own call's media",
                partner.call.call.id(), sideName(partner));
        bridges.start(partner);
    }

    private void waitOn(Transfer transfer, ClientTransaction tx) {
        transfer.pending = tx;
        byTransaction.put(tx, transfer);
    }

    private void forget(Transfer transfer) {
        byCall.values().removeIf(each -> each == transfer);
        if (transfer.pending != null) {
            byTransaction.remove(transfer.pending);
        }
    }

    private static Sdp answerIn(Response response) {
        String body = LegMessages.sdpOf(response);
        if (body == null) {
            return null;
        }
        try {
            return Sdp.parse(body);
        } catch (SdpException e) {
            return null;
        }
    }

    /** The number or user part of the party on {@code leg}, as the call shows it. */
    private static String partyOf(SipLeg leg) {
        Call call = leg.call.call;
        return leg.role == SipLeg.Role.CALLER ? call.caller() : call.callee();
    }

    private static String sideName(SipLeg leg) {
        return leg.role == SipLeg.Role.CALLER ? "caller" : "callee";
    }

    private static List<String> values(Request request, String name) {
        List<String> values = new java.util.ArrayList<>();
        ListIterator<?> headers = request.getHeaders(name);
        while (headers != null && headers.hasNext()) {
            values.add(LegMessages.valueOf((Header) headers.next()));
        }
        return values;
    }
}
