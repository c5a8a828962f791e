package io.sotto.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;

import javax.sip.ClientTransaction;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.Header;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.CallConductor;
import io.sotto.call.CallState;
import io.sotto.call.RecordingControl;
import io.sotto.call.Routing;
import io.sotto.config.PeerConfig;
import io.sotto.control.Trigger;

/**
 * Transfers, carried out by the B2BUA itself (docs/transfer.md): a REFER from either leg (RFC 3515,
 * with RFC 4488's Refer-Sub), with or without Replaces in its Refer-To, and an INVITE with Replaces
 * (RFC 3891) naming one of Sotto's dialogs. Either way one party of a call is replaced by another:
 * Sotto reaches the new party, bridges it with the remaining one on a new media session (re-INVITE,
 * ports anchored on Sotto), ends the leaving leg, and tells the recording control the moment the
 * call changed. A transfer that fails leaves the call as it was.
 *
 * <p>This class checks a REFER and hands each event to the part it concerns: {@link BlindTransfer},
 * {@link AttendedTransfer}, {@link TransferorSubscription}, {@link BridgeReinvites}. Runs on the
 * call conductor thread, like {@link B2bua}, which hands it what concerns transfers.
 */
final class Transfers {
    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);

    /** What the B2BUA does with whole calls, for a transfer that ends one. */
    interface Calls {
        /** Ends the call's recording ({@code reason}, {@code how}), frees its media, forgets its legs. */
        void end(SipCall call, String reason, Trigger how);

        /** BYE on every confirmed leg, then {@link #end}. */
        void hangUp(SipCall call, String reason);
    }

    private final SipProvider provider;
    private final LegMessages messages;
    private final TransfersUnderWay underWay = new TransfersUnderWay();
    private final TransferorSubscription transferor;
    private final BridgeReinvites bridges;
    private final BlindTransfer blind;
    private final AttendedTransfer attended;

    Transfers(SipProvider provider, LegMessages messages, Routing routing, RequestMedia media, RecordingControl control,
              CallConductor conductor, SdpBridge bridge, List<String> codecs,
              Legs legs, Calls calls, LegRequests requests, long ringTimeoutNanos) {
        this.provider = provider;
        this.messages = messages;
        this.transferor = new TransferorSubscription(provider, messages, requests, legs);
        this.bridges = new BridgeReinvites(requests, bridge, conductor, calls);
        TransferOutcome outcome = new TransferOutcome(underWay, transferor, requests, messages, control, conductor,
                legs, calls);
        TransferMedia transferMedia = new TransferMedia(media, messages);
        this.blind = new BlindTransfer(provider, messages, routing, bridge, transferMedia, conductor, requests, legs,
                underWay, transferor, outcome, bridges, calls, ringTimeoutNanos);
        this.attended = new AttendedTransfer(provider, messages, media, transferMedia, bridge, requests, legs,
                underWay, transferor, outcome, bridges, codecs);
    }

    /** A REFER in the dialog of {@code from}: its party (the transferor) hands the other party on. */
    void onRefer(RequestEvent event, SipLeg from) throws Exception {
        Request refer = event.getRequest();
        ServerTransaction tx = ServerTransactions.of(provider, event);
        if (tx == null) {
            return;
        }
        SipCall sipCall = from.call;
        if (sipCall.call.state() != CallState.ANSWERED || from.dialog.getState() != DialogState.CONFIRMED) {
            tx.sendResponse(messages.response(refer, 403, "Call Not Answered", from));
            return;
        }
        if (underWay.touches(sipCall)) {
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
            attended.refer(event, tx, refer, from, remaining, target.get(), notifying);
        } else {
            blind.refer(event, tx, refer, from, remaining, target.get(), notifying);
        }
    }

    /** A new INVITE with Replaces from {@code source}: its party takes the named leg's place. */
    void onReplacingInvite(RequestEvent event, PeerConfig source) throws Exception {
        attended.onReplacingInvite(event, source);
    }

    /** The transferor hung up while its transfer is under way: it goes, the others stay; false if not one. */
    boolean onByeFromTransferor(RequestEvent event, SipLeg leg) throws Exception {
        Transfer transfer = underWay.of(leg.call);
        if (transfer == null || transfer.leaving != leg || transfer.kind == Transfer.Kind.INVITE_REPLACES) {
            return false;
        }
        transferor.hungUp(transfer, event);
        return true;
    }

    /** A request on the leg of a transferor on the way out; false when the leg is not one. */
    boolean onDepartingRequest(RequestEvent event, SipLeg leg) throws Exception {
        return transferor.onDepartingRequest(event, leg);
    }

    /** A response to a request a transfer sent; false when it is not one. */
    boolean onResponse(ResponseEvent event) throws Exception {
        ClientTransaction tx = event.getClientTransaction();
        if (tx == null) {
            return false;
        }
        Transfer transfer = underWay.waitingOn(tx);
        if (transfer != null) {
            if (transfer.kind == Transfer.Kind.BLIND) {
                blind.onResponse(transfer, tx, event);
            } else {
                attended.onResponse(transfer, tx, event);
            }
            return true;
        }
        return bridges.onResponse(tx, event.getResponse()) || transferor.onResponse(tx, event.getResponse());
    }

    /** A request of a transfer got no answer; false when it is not one. */
    boolean onTimeout(ClientTransaction tx) {
        Transfer transfer = underWay.answered(tx);
        if (transfer != null) {
            if (transfer.kind == Transfer.Kind.BLIND) {
                blind.onTimeout(transfer);
            } else {
                attended.onTimeout(transfer);
            }
            return true;
        }
        return transferor.onTimeout(tx) || bridges.onTimeout(tx);
    }

    /**
     * The call ends (hang-up, error) while a transfer of it is under way: the transfer's media
     * is freed at once, and the new party, when it answers, is cancelled or hung up on (or, for
     * an attended REFER, put back on its own call).
     */
    void abandon(SipCall sipCall) {
        Transfer transfer = underWay.of(sipCall);
        if (transfer == null) {
            return;
        }
        try {
            if (transfer.kind == Transfer.Kind.BLIND) {
                blind.abandon(transfer);
            } else {
                attended.abandon(transfer, sipCall);
            }
        } catch (Exception e) {
            LOG.debug("call {}: abandoning the transfer: {}", sipCall.call.id(), e.toString());
        }
    }

    private static List<String> values(Request request, String name) {
        List<String> values = new ArrayList<>();
        ListIterator<?> headers = request.getHeaders(name);
        while (headers != null && headers.hasNext()) {
            values.add(LegMessages.valueOf((Header) headers.next()));
        }
        return values;
    }
}
