package io.sotto.sip;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.CallConductor;
import io.sotto.call.CallState;
import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.Sdp;

/**
 * The re-INVITEs that put a leg's party onto its call's media session, offering the media of
 * the party on the other leg: the remaining party after a transfer, or a consulted party back
 * on its own call when the transfer's call ended. A {@code 491 Request Pending} (glare: the
 * party's own re-INVITE crossed ours, RFC 3261 section 14.1) is retried after a random wait, on
 * the conductor's timers: 2.1 to 4 s when Sotto chose the dialog's Call-ID, else 0 to 2 s, in
 * steps of 10 ms; after {@value #ATTEMPTS} tries, or any other refusal, the call is hung up.
 */
final class BridgeReinvites {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeReinvites.class);
    static final int ATTEMPTS = 4;
    private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final LegRequests requests;
    private final SdpBridge bridge;
    private final CallConductor conductor;
    private final Transfers.Calls calls;
    /** Each re-INVITE under way, with the number of its try. */
    private final Map<ClientTransaction, Attempt> pending = new IdentityHashMap<>();

    private record Attempt(SipLeg leg, int number) {
    }

    BridgeReinvites(LegRequests requests, SdpBridge bridge, CallConductor conductor, Transfers.Calls calls) {
        this.requests = requests;
        this.bridge = bridge;
        this.conductor = conductor;
        this.calls = calls;
    }

    /** Moves {@code leg}'s party onto its call's session, with the other leg's party's media. */
    void start(SipLeg leg) {
        send(leg, 1);
    }

    /** A response to one of these re-INVITEs; false when it is not one. */
    boolean onResponse(ClientTransaction tx, Response response) throws SipException, javax.sip.InvalidArgumentException {
        Attempt attempt = pending.get(tx);
        if (attempt == null) {
            return false;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return true;
        }
        pending.remove(tx);
        SipLeg leg = attempt.leg();
        if (status == 491) {
            retryLater(attempt);
            return true;
        }
        if (status >= 300) {
            LOG.warn("call {}: the {} refused the re-INVITE onto the call's media ({} {}); ending the call",
                    leg.call.call.id(), leg.sideName(), status, response.getReasonPhrase());
            calls.hangUp(leg.call, "error");
            return true;
        }
        requests.ack(leg, response);
        Sdp answer = SdpBridge.sdpIn(response);
        if (answer != null && leg.call.call.state() != CallState.ENDED) {
            MediaSession session = leg.call.call.media();
            SdpBridge.learnRemote(leg, session, answer);
            SdpBridge.telephoneEvents(session, leg.call.caller, leg.call.callee);
        }
        return true;
    }

    /** One of these re-INVITEs got no answer; false when it is not one. */
    boolean onTimeout(ClientTransaction tx) {
        Attempt attempt = pending.remove(tx);
        if (attempt == null) {
            return false;
        }
        LOG.warn("call {}: the {} did not answer the re-INVITE onto the call's media; ending the call",
                attempt.leg().call.call.id(), attempt.leg().sideName());
        calls.hangUp(attempt.leg().call, "error");
        return true;
    }

    private void send(SipLeg leg, int number) {
        if (!onItsCall(leg)) {
            return;
        }
        ClientTransaction tx;
        try {
            tx = requests.reinvite(leg, bridge.anchorTowards(leg, leg.other().remoteSdp));
        } catch (Exception e) {
            LOG.warn("call {}: cannot re-INVITE the {} onto the call's media: {}; ending the call",
                    leg.call.call.id(), leg.sideName(), e.toString());
            calls.hangUp(leg.call, "error");
            return;
        }
        Attempt attempt = new Attempt(leg, number);
        pending.put(tx, attempt);
        try {
            requests.send(leg, tx);
        } catch (SipException e) {
            // the party's own INVITE is still pending in the dialog: glare seen before sending
            pending.remove(tx);
            retryLater(attempt);
        }
    }

    private void retryLater(Attempt attempt) {
        SipLeg leg = attempt.leg();
        if (attempt.number() >= ATTEMPTS) {
            LOG.warn("call {}: the {} answered 491 to {} re-INVITEs onto the call's media; ending the call",
                    leg.call.call.id(), leg.sideName(), ATTEMPTS);
            calls.hangUp(leg.call, "error");
            return;
        }
        long delay = glareDelayNanos(leg.ownsCallId());
        LOG.info("call {}: re-INVITE of the {} met its own (491); trying again in {} ms", leg.call.call.id(),
                leg.sideName(), TimeUnit.NANOSECONDS.toMillis(delay));
        conductor.schedule(delay, () -> send(leg, attempt.number() + 1));
    }

    /** RFC 3261 section 14.1: the dialog's Call-ID owner waits 2.1 to 4 s, the other party 0 to 2 s. */
    static long glareDelayNanos(boolean ownsCallId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long steps = ownsCallId ? 210 + random.nextLong(191) : random.nextLong(201);
        return steps * STEP_NANOS;
    }

    /** A call that ended, or a leg moved off it, in the meantime needs no re-INVITE any more. */
    private static boolean onItsCall(SipLeg leg) {
        return leg.call.call.state() == CallState.ANSWERED && (leg.call.caller == leg || leg.call.callee == leg)
                && leg.other().remoteSdp != null;
    }
}
