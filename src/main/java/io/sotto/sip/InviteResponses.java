package io.sotto.sip;

import java.util.List;

import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.Call;
import io.sotto.call.CallState;
import io.sotto.call.RecordingControl;
import io.sotto.control.Agent;
import io.sotto.control.CallParties;
import io.sotto.control.Trigger;
import io.sotto.sip.sdp.Sdp;

/**
 * The callee's answers to the call's initial INVITE, passed on to the caller with their SDP
 * anchored: ringing and early media, a failure that ends the call, the 2xx that answers it (and
 * names its agents); and the answers to an INVITE the caller has given up on.
 */
final class InviteResponses {
    private static final Logger LOG = LoggerFactory.getLogger(InviteResponses.class);

    private final LegMessages messages;
    private final LegRequests requests;
    private final SdpOffers offers;
    private final SdpBridge bridge;
    private final Legs legs;
    private final RecordingControl control;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final CallEndings endings;
    private final DialogProbes probes;

    InviteResponses(LegMessages messages, LegRequests requests, SdpOffers offers, SdpBridge bridge, Legs legs,
                    RecordingControl control, NanoClock nanoClock,
                    EpochClock epochClock, CallEndings endings, DialogProbes probes) {
        this.messages = messages;
        this.requests = requests;
        this.offers = offers;
        this.bridge = bridge;
        this.legs = legs;
        this.control = control;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        this.endings = endings;
        this.probes = probes;
    }

    void onResponse(SipLeg callee, Response response) throws Exception {
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
                messages.setSdp(provisional, bridge.carry(callee, caller, Sdp.parse(sdp)));
            }
            caller.inviteServerTx.sendResponse(provisional);
            return;
        }
        if (status >= 300) {
            LOG.info("call {}: callee answered {} {}", call.id(), status, response.getReasonPhrase());
            Response failure = messages.response(invite, status, response.getReasonPhrase(), caller);
            copyRetryAfter(response, failure);
            caller.inviteServerTx.sendResponse(failure);
            endings.end(sipCall, "error", Trigger.HANGUP);
            return;
        }
        callee.answer = response;
        SipLeg.cancelRingTimer(callee);
        Response ok = messages.response(invite, status, response.getReasonPhrase(), caller);
        String sdp = LegMessages.sdpOf(response);
        boolean offerWasSent = LegMessages.sdpOf(invite) != null;
        String codec = null;
        if (sdp != null) {
            Sdp answer = offerWasSent ? Sdp.parse(sdp) : offers.filter(sdp);
            messages.setSdp(ok, bridge.carry(callee, caller, answer));
            codec = answer.audioCodec();
        }
        requests.ackOrAwaitAnswer(callee, response, offerWasSent);
        caller.inviteServerTx.sendResponse(ok);
        call.answered(nanoClock.nanoTime(), epochClock.time());
        identifyAgents(sipCall, codec == null ? "PCMU" : codec);
        LOG.info("call {}: answered", call.id());
        control.answered(call);
        probes.start(sipCall);
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
            requests.ack(callee, response);
            requests.bye(callee);
        }
        legs.remove(callee);
    }

    /**
     * Finds the agent of each leg (README, "Pausing and resuming") once the call is answered; the other
     * leg is the customer's.
     */
    private void identifyAgents(SipCall sipCall, String codec) {
        Call call = sipCall.call;
        Agent[] agents = LegAgents.of(call.direction(), sipCall.caller, sipCall.callee);
        CallParties parties = LegAgents.parties(call.direction(), call.number(), agents[0], agents[1]);
        call.answeredBy(parties, agents[0], agents[1],
                List.of(sipCall.caller.sipCallId, sipCall.callee.sipCallId), codec);
    }

    private static void copyRetryAfter(Response from, Response to) {
        Header retryAfter = (Header) from.getHeader("Retry-After");
        if (retryAfter != null) {
            to.setHeader((Header) retryAfter.clone());
        }
    }
}
