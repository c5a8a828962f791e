package io.sotto.sip;

import java.util.List;
import java.util.Optional;

import javax.sip.ClientTransaction;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.Call;
import io.sotto.call.CallState;
import io.sotto.config.PeerConfig;
import io.sotto.media.MediaException;
import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpException;

/**
 * Attended transfers, through a Replaces naming one of Sotto's dialogs with the sender's own
 * peer (RFC 3891): a REFER whose Refer-To carries it joins the remaining party with the far end
 * of the named call (the consulted party, re-INVITEd onto the transfer's session); an INVITE
 * carrying it puts its own party in the named leg's place (the remaining party re-INVITEd).
 * Either way the call changes on the answer to that one re-INVITE.
 */
final class AttendedTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(AttendedTransfer.class);

    private final SipProvider provider;
    private final LegMessages messages;
    private final RequestMedia media;
    private final TransferMedia transferMedia;
    private final SdpBridge bridge;
    private final LegRequests requests;
    private final Legs legs;
    private final ReplacesIndex index;
    private final TransfersUnderWay underWay;
    private final TransferorSubscription transferor;
    private final TransferOutcome outcome;
    private final BridgeReinvites bridges;
    private final List<String> codecs;

    AttendedTransfer(SipProvider provider, LegMessages messages, RequestMedia media, TransferMedia transferMedia,
                     SdpBridge bridge, LegRequests requests, Legs legs, TransfersUnderWay underWay,
                     TransferorSubscription transferor, TransferOutcome outcome, BridgeReinvites bridges,
                     List<String> codecs) {
        this.provider = provider;
        this.messages = messages;
        this.media = media;
        this.transferMedia = transferMedia;
        this.bridge = bridge;
        this.requests = requests;
        this.legs = legs;
        this.index = new ReplacesIndex(legs);
        this.underWay = underWay;
        this.transferor = transferor;
        this.outcome = outcome;
        this.bridges = bridges;
        this.codecs = codecs;
    }

    /** A REFER, checked by {@link Transfers}, whose Refer-To carries Replaces. */
    void refer(RequestEvent event, ServerTransaction tx, Request refer, SipLeg from, SipLeg remaining, ReferTo target,
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
        if (named != null && underWay.touches(named.call)) {
            tx.sendResponse(messages.response(refer, 491, "Transfer Already In Progress", from));
            return;
        }
        SipLeg partner = named == null ? null : named.other();
        if (partner == null || partner.remoteSdp == null || partner.dialog == null
                || partner.dialog.getState() != DialogState.CONFIRMED) {
            // as the target of an INVITE with this Replaces would answer (RFC 3891 section 3)
            transferor.acceptAndFail(tx, refer, from, notifying, "SIP/2.0 481 Call/Transaction Does Not Exist");
            LOG.info("call {}: attended transfer refused: Replaces names no call through Sotto", from.call.call.id());
            return;
        }
        MediaSession session = transferMedia.open(event, tx, refer, from);
        if (session == null) {
            return;
        }
        SipCall sipCall = from.call;
        Call other = named.call.call;
        String partnerUser = partner.role == SipLeg.Role.CALLER ? other.caller() : other.callee();
        Transfer transfer = new Transfer(Transfer.Kind.REFER_REPLACES, sipCall, from, remaining, partner, partnerUser,
                session, named);
        underWay.add(named.call, transfer);
        underWay.add(sipCall, transfer);
        transferor.accept(transfer, tx, refer, notifying);
        Sdp offer = remaining.remoteSdp.sendRecv();
        SdpBridge.learnRemote(remaining, session, offer);
        LOG.info("call {}: {} transfers the {} to {} of call {} (attended)", sipCall.call.id(), from.sideName(),
                remaining.sideName(), partnerUser, other.id());
        reinvite(transfer, partner, bridge.anchorTowards(partner, transfer.side(), session, offer));
    }

    /** A new INVITE with Replaces from {@code source}: its party takes the named leg's place. */
    void onReplacingInvite(RequestEvent event, PeerConfig source) throws Exception {
        Request invite = event.getRequest();
        ServerTransaction tx = ServerTransactions.of(provider, event);
        if (tx == null) {
            return;
        }
        if (!media.handlingAgain(invite)) {
            tx.sendResponse(messages.plain(invite, 100, null));
        }
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
        if (underWay.touches(named.call)) {
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
            SdpOffers.Refusal refusal = SdpOffers.refusal(e);
            tx.sendResponse(messages.plain(invite, refusal.status(), refusal.reason()));
            return;
        }
        MediaSession session;
        try {
            session = media.take(event, tx);
        } catch (MediaException e) {
            LOG.error("INVITE with Replaces: {}", e.getMessage());
            tx.sendResponse(messages.plain(invite, 503, "No Media Ports Available"));
            return;
        }
        if (session == null) {
            return; // handled again once its ports are bound
        }
        SipCall sipCall = named.call;
        SipLeg partner = new SipLeg(sipCall, named.role, LegMessages.callIdOf(invite), LegMessages.transportOf(invite),
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
        underWay.add(sipCall, transfer);
        legs.add(partner);
        LOG.info("call {}: {} replaces the {} (INVITE with Replaces from {})", sipCall.call.id(), partnerUser,
                named.sideName(), source.name());
        reinvite(transfer, remaining, bridge.anchorTowards(remaining, session, offer));
    }

    /** The answer to the re-INVITE the transfer waits on. */
    void onResponse(Transfer transfer, ClientTransaction tx, ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        SipLeg answering = transfer.kind == Transfer.Kind.INVITE_REPLACES ? transfer.remaining : transfer.partner;
        underWay.answered(tx);
        if (status < 300) {
            requests.ack(answering, response);
        }
        if (transfer.abandoned) {
            if (transfer.kind == Transfer.Kind.REFER_REPLACES && status < 300
                    && answering.call.call.state() == CallState.ANSWERED) {
                LOG.info("call {}: the transfer's call ended; the {} goes back to its own call's media",
                        answering.call.call.id(), answering.sideName());
                bridges.start(answering);
            }
            return;
        }
        if (status >= 300) {
            outcome.failed(transfer, status, response.getReasonPhrase());
            return;
        }
        Sdp answer = SdpBridge.sdpIn(response);
        if (answer == null) {
            outcome.failed(transfer, 488, "Not Acceptable Here");
            return;
        }
        if (transfer.kind == Transfer.Kind.INVITE_REPLACES) {
            SdpBridge.learnRemote(transfer.remaining, transfer.media, answer);
            SipLeg partner = transfer.partner;
            Response ok = messages.response(partner.initialRequest, 200, null, partner);
            messages.setSdp(ok, bridge.anchorTowards(partner, transfer.media, answer));
            partner.inviteServerTx.sendResponse(ok);
            outcome.complete(transfer, answer);
        } else {
            SdpBridge.learnRemote(transfer.partner, transfer.side(), transfer.media, answer);
            outcome.complete(transfer, answer);
            bridges.start(transfer.remaining);
        }
    }

    /** The re-INVITE the transfer waits on got no answer. */
    void onTimeout(Transfer transfer) {
        if (!transfer.abandoned) {
            outcome.failedQuietly(transfer, 408, "Request Timeout");
        }
    }

    /**
     * {@code ending} ends under the transfer. An INVITE with Replaces is answered 481. For a
     * REFER: if the consulted party's call ended, the transferor's call goes on and hears why;
     * if the transferor's call ended, the consulted party, once it answers the re-INVITE that
     * offered it the freed session, is put back on its own call's media.
     */
    void abandon(Transfer transfer, SipCall ending) throws Exception {
        underWay.release(transfer);
        transfer.abandoned = true;
        transfer.media.close();
        SipLeg partner = transfer.partner;
        if (transfer.kind == Transfer.Kind.INVITE_REPLACES) {
            legs.remove(partner);
            partner.inviteServerTx.sendResponse(messages.response(partner.initialRequest, 481,
                    "Call/Transaction Does Not Exist", partner));
        } else if (ending != transfer.call) {
            transferor.failed(transfer, "SIP/2.0 487 Request Terminated");
        }
    }

    /** re-INVITE with an offer on {@code leg}; the transfer waits on its answer. */
    private void reinvite(Transfer transfer, SipLeg leg, String sdp) throws Exception {
        ClientTransaction tx = requests.reinvite(leg, sdp);
        underWay.waitOn(transfer, tx);
        try {
            requests.send(leg, tx);
        } catch (SipException e) {
            // RFC 3261 section 14.1: an INVITE of the party's own is pending in the dialog
            underWay.answered(tx);
            outcome.failed(transfer, 491, "Request Pending");
        }
    }
}
