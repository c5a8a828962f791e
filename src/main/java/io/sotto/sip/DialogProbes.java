package io.sotto.sip;

import java.util.IdentityHashMap;
import java.util.Map;

import javax.sip.ClientTransaction;
import javax.sip.DialogState;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.CallConductor;
import io.sotto.call.CallState;

/**
 * Asks both parties of an answered call, every {@code sip.dialog_probe} seconds, whether they
 * still hold the call: an OPTIONS in each leg's dialog. RFC 3261 12.2.1.2: a 481 or 408 to a
 * request within a dialog, or no answer at all, ends the dialog; Sotto then hangs the call up
 * with BYE on both legs and ends its recording ({@code error}).
 *
 * <p>This is the safety net for a hang-up Sotto never heard: a BYE lost on the way, or an ACK
 * the stack never passed on, would otherwise keep the call's ports and recording open until
 * Sotto stops. Any other answer (200, 405, 501) shows that the party still knows the dialog.
 */
final class DialogProbes {
    private static final Logger LOG = LoggerFactory.getLogger(DialogProbes.class);

    private final SipProvider provider;
    private final CallConductor conductor;
    private final CallEndings endings;
    private final long intervalNanos;
    /** OPTIONS sent and not yet answered, by their transaction. */
    private final Map<ClientTransaction, SipLeg> pending = new IdentityHashMap<>();

    /** @param intervalNanos time between probes of one call; 0 sends none */
    DialogProbes(SipProvider provider, CallConductor conductor, CallEndings endings, long intervalNanos) {
        this.provider = provider;
        this.conductor = conductor;
        this.endings = endings;
        this.intervalNanos = intervalNanos;
    }

    /** Starts probing a call that was just answered. */
    void start(SipCall sipCall) {
        if (intervalNanos > 0) {
            sipCall.probeTimer = conductor.schedule(intervalNanos, () -> probe(sipCall));
        }
    }

    /** Runs only while the call lasts: ending it cancels the timer ({@link CallEndings#endCall}). */
    private void probe(SipCall sipCall) {
        send(sipCall.caller);
        send(sipCall.callee);
        sipCall.probeTimer = conductor.schedule(intervalNanos, () -> probe(sipCall));
    }

    private void send(SipLeg leg) {
        if (leg == null || leg.dialog == null || leg.dialog.getState() != DialogState.CONFIRMED) {
            return;
        }
        try {
            ClientTransaction tx = provider.getNewClientTransaction(leg.dialog.createRequest(Request.OPTIONS));
            leg.dialog.sendRequest(tx);
            pending.put(tx, leg);
        } catch (SipException e) {
            LOG.debug("call {}: OPTIONS probe to the {} not sent: {}", leg.call.call.id(), leg.sideName(),
                    e.getMessage());
        }
    }

    /** Whether {@code response} answers a probe; ends the call when it says the dialog is gone. */
    boolean onResponse(ClientTransaction tx, Response response) {
        SipLeg leg = tx == null ? null : pending.get(tx);
        if (leg == null) {
            return false;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return true;
        }
        pending.remove(tx);
        if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
            gone(leg, "answered " + status + " to");
        }
        return true;
    }

    /** Whether {@code tx} was a probe; a probe nobody answered ends its call. */
    boolean onTimeout(ClientTransaction tx) {
        SipLeg leg = pending.remove(tx);
        if (leg == null) {
            return false;
        }
        gone(leg, "did not answer");
        return true;
    }

    private void gone(SipLeg leg, String what) {
        SipCall sipCall = leg.call;
        boolean stillOnCall = sipCall.caller == leg || sipCall.callee == leg;
        if (sipCall.call.state() == CallState.ENDED || !stillOnCall) {
            return;
        }
        LOG.info("call {}: the {} {} an OPTIONS probe: the dialog is gone, hanging up", sipCall.call.id(),
                leg.sideName(), what);
        endings.hangUp(sipCall, "error");
    }
}
