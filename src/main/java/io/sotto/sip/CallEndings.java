package io.sotto.sip;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.Call;
import io.sotto.call.CallRegistry;
import io.sotto.call.CallState;
import io.sotto.call.RecordingControl;
import io.sotto.control.Trigger;

/**
 * Every way a call ends: BYE or CANCEL from a party, no answer (timer B, the ring timeout), no
 * ACK, a hang-up of Sotto's own. Each ends the recording, frees the media and forgets the legs,
 * but for a leg still owed a final answer to its CANCEL.
 */
final class CallEndings {
    private static final Logger LOG = LoggerFactory.getLogger(CallEndings.class);

    private final LegMessages messages;
    private final ServerTransactions answers;
    private final LegRequests requests;
    private final Legs legs;
    private final Transfers transfers;
    private final RecordingControl control;
    private final CallRegistry registry;
    private final RequestMedia media;

    CallEndings(LegMessages messages, ServerTransactions answers, LegRequests requests, Legs legs,
                Transfers transfers, RecordingControl control, CallRegistry registry, RequestMedia media) {
        this.media = media;
        this.messages = messages;
        this.answers = answers;
        this.requests = requests;
        this.legs = legs;
        this.transfers = transfers;
        this.control = control;
        this.registry = registry;
    }

    /** A CANCEL of the caller's INVITE: 487 to it, the callee cancelled in turn. */
    void onCancel(RequestEvent event, SipLeg leg) throws Exception {
        Request cancel = event.getRequest();
        ServerTransaction cancelTx = answers.of(event);
        ServerTransaction awaitingMedia = leg == null ? media.cancel(LegMessages.callIdOf(cancel)) : null;
        if (awaitingMedia != null) {
            // the INVITE's session is still being bound: it ends here, and the session is closed once bound
            if (cancelTx != null) {
                cancelTx.sendResponse(messages.plain(cancel, 200, null));
            }
            awaitingMedia.sendResponse(messages.plain(awaitingMedia.getRequest(), 487, "Request Terminated"));
            return;
        }
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

    /** A BYE from either party: BYE to the other (or CANCEL, if it still rings). */
    void onBye(RequestEvent event, SipLeg leg) throws Exception {
        if (transfers.onByeFromTransferor(event, leg)) {
            return;
        }
        answers.respond(event, 200, null, leg);
        SipLeg other = leg.other();
        if (other.dialog != null && other.dialog.getState() == DialogState.CONFIRMED) {
            requests.bye(other);
        } else if (other.role == SipLeg.Role.CALLEE && other.call.call.state() == CallState.SETUP) {
            cancelOrMark(other);
        }
        LOG.info("call {}: hung up by {}", leg.call.call.id(), leg.sideName());
        endCall(leg.call, "hangup", Trigger.HANGUP);
        legs.remove(leg);
        if (!other.cancelPending) {
            legs.remove(other);
        }
    }

    /**
     * The callee is still ringing (or silent) {@code sip.ring_timeout} after the INVITE, in the
     * spirit of RFC 3261 timer C: it is cancelled and the caller answered 408.
     */
    void onRingTimeout(SipLeg callee) {
        SipCall sipCall = callee.call;
        if (sipCall.call.state() != CallState.SETUP || sipCall.callee != callee) {
            return;
        }
        LOG.info("call {}: no answer within the ring timeout, 408", sipCall.call.id());
        SipLeg caller = sipCall.caller;
        try {
            answerCaller(sipCall, 408, "Request Timeout");
        } catch (Exception e) {
            LOG.debug("call {}: 408 failed: {}", sipCall.call.id(), e.toString());
        }
        cancelOrMark(callee);
        endCall(sipCall, "error", Trigger.HANGUP);
        legs.remove(caller);
    }

    /** A request Sotto sent on {@code leg}, not a relayed one, got no answer; timer B on the callee's INVITE ends the call. */
    void onTimeout(SipLeg leg, ClientTransaction clientTx) {
        SipCall sipCall = leg.call;
        try {
            if (clientTx == leg.inviteClientTx && sipCall.call.state() == CallState.SETUP) {
                LOG.info("call {}: no answer from callee within timer B, 408", sipCall.call.id());
                answerCaller(sipCall, 408, "Request Timeout");
                endCall(sipCall, "error", Trigger.HANGUP);
            }
        } catch (Exception e) {
            LOG.warn("call {}: timeout handling failed: {}", sipCall.call.id(), e.toString());
        }
        if (sipCall.call.state() == CallState.ENDED && Request.INVITE.equals(clientTx.getRequest().getMethod())
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
    void hangUp(SipCall sipCall, String reason) {
        if (sipCall.call.state() == CallState.SETUP) {
            try {
                answerCaller(sipCall, 503, "Service Unavailable");
            } catch (Exception e) {
                LOG.debug("call {}: 503 failed: {}", sipCall.call.id(), e.toString());
            }
            if (sipCall.callee.provisionalReceived) {
                requests.cancel(sipCall.callee);
            }
        }
        requests.bye(sipCall.caller);
        requests.bye(sipCall.callee);
        end(sipCall, reason, Trigger.HANGUP);
    }

    /** Ends every live call (shutdown): BYE on both legs, recordings closed. */
    void endAll() {
        for (SipLeg leg : legs.snapshot()) {
            if (legs.contains(leg.sipCallId) && leg.call.call.state() != CallState.ENDED) {
                hangUp(leg.call, "hangup");
            }
        }
    }

    /** {@link #endCall}, then forgets both legs. */
    void end(SipCall sipCall, String reason, Trigger how) {
        endCall(sipCall, reason, how);
        forget(sipCall);
    }

    /** Ends the call's recording and frees its media; signalling and legs are the caller's concern. */
    void endCall(SipCall sipCall, String reason, Trigger how) {
        Call call = sipCall.call;
        if (call.state() == CallState.ENDED) {
            return;
        }
        transfers.abandon(sipCall);
        SipLeg.cancelRingTimer(sipCall.callee);
        if (sipCall.probeTimer != null) {
            sipCall.probeTimer.cancel();
            sipCall.probeTimer = null;
        }
        control.ended(call, reason, how);
        call.media().close();
        call.ended();
        registry.remove(call);
    }

    private void forget(SipCall sipCall) {
        legs.remove(sipCall.caller);
        legs.remove(sipCall.callee);
    }

    /** The final answer to the caller's INVITE of a call that was never answered. */
    private void answerCaller(SipCall sipCall, int status, String reason) throws Exception {
        SipLeg caller = sipCall.caller;
        caller.inviteServerTx.sendResponse(messages.response(caller.initialRequest, status, reason, caller));
    }

    /** CANCEL now if the callee has rung (RFC 3261 section 9.1), else on its first 18x. */
    private void cancelOrMark(SipLeg callee) {
        if (callee.provisionalReceived) {
            requests.cancel(callee);
        } else {
            callee.cancelPending = true;
        }
    }
}
