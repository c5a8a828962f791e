package io.sotto.sip;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.Call;
import io.sotto.call.CallConductor;
import io.sotto.call.CallTransfer;
import io.sotto.call.Direction;
import io.sotto.call.RecordingControl;
import io.sotto.control.Agent;
import io.sotto.control.Trigger;
import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.Sdp;

/**
 * How a transfer ends, whatever its kind: at the moment of transfer, when the new party is
 * reached and agrees on media and the call changes; or failed, when the call stays as it was.
 */
final class TransferOutcome {
    private static final Logger LOG = LoggerFactory.getLogger(TransferOutcome.class);

    private final TransfersUnderWay underWay;
    private final TransferorSubscription transferor;
    private final LegRequests requests;
    private final LegMessages messages;
    private final RecordingControl control;
    private final CallConductor conductor;
    private final Legs legs;
    private final Transfers.Calls calls;

    TransferOutcome(TransfersUnderWay underWay, TransferorSubscription transferor, LegRequests requests,
                    LegMessages messages, RecordingControl control, CallConductor conductor,
                    Legs legs, Transfers.Calls calls) {
        this.underWay = underWay;
        this.transferor = transferor;
        this.requests = requests;
        this.messages = messages;
        this.control = control;
        this.conductor = conductor;
        this.legs = legs;
        this.calls = calls;
    }

    /**
     * The moment of transfer: the partner takes the leaving leg's side, the recording control
     * ends or carries on the recording, the old media session is freed and the leaving leg
     * (and, for an attended REFER, the other call) ends. Bridging the remaining party onto the
     * new session is the caller's next step, where it needs one.
     */
    void complete(Transfer transfer, Sdp partnerMedia) {
        SipCall sipCall = transfer.call;
        Call call = sipCall.call;
        underWay.forget(transfer);
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
        Agent[] agents = LegAgents.of(direction, sipCall.caller, sipCall.callee);
        boolean partnerCalls = partner.role == SipLeg.Role.CALLER;
        String caller = partnerCalls ? transfer.partnerUser : call.caller();
        String callee = partnerCalls ? call.callee() : transfer.partnerUser;
        String codec = partnerMedia.audioCodec() == null ? call.codec() : partnerMedia.audioCodec();
        CallTransfer to = new CallTransfer(session, direction, caller, callee,
                LegAgents.parties(direction, call.number(), agents[0], agents[1]), agents[0], agents[1],
                List.of(sipCall.caller.sipCallId, sipCall.callee.sipCallId), codec);
        MediaSession previous = control.transferred(call, to);
        previous.close();
        LOG.info("call {}: transferred; {} -> {} ({})", call.id(), caller, callee, direction.label());

        transferor.succeeded(transfer);
        if (transfer.kind == Transfer.Kind.REFER_REPLACES) {
            SipLeg replaced = transfer.replaced;
            requests.bye(replaced);
            legs.remove(replaced);
            calls.end(partnersCall, RecordingControl.TRANSFERRED, Trigger.TRANSFER);
        }
    }

    /** The transfer failed: the call stays as it was, and the transferor hears why. */
    void failed(Transfer transfer, int status, String reason) throws Exception {
        underWay.forget(transfer);
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
        } else {
            transferor.failed(transfer, "SIP/2.0 " + status + " " + (reason == null ? "" : reason));
        }
    }

    /** As {@link #failed}, for a path that cannot throw (a timeout). */
    void failedQuietly(Transfer transfer, int status, String reason) {
        try {
            failed(transfer, status, reason);
        } catch (Exception e) {
            LOG.warn("call {}: ending the failed transfer: {}", transfer.call.call.id(), e.toString());
        }
    }
}
