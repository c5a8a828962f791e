package io.sotto.sip;

import java.text.ParseException;

import javax.sip.ClientTransaction;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.CallConductor;
import io.sotto.call.CallState;

/**
 * The requests Sotto sends on a leg of its own accord, not relayed from the other leg: NOTIFY
 * to a transferor, re-INVITE and ACK, BYE and CANCEL. Those that are best effort (BYE, CANCEL,
 * NOTIFY) log a failure and return; the leg is being left anyway.
 */
final class LegRequests {
    private static final Logger LOG = LoggerFactory.getLogger(LegRequests.class);
    /**
     * RFC 3261 section 9.1: an INVITE with no final answer 64*T1 after its CANCEL is given up;
     * the stack keeps no such timer, so a leg that never answers would stay for ever.
     */
    private static final long CANCELLED_INVITE_NANOS = TimeUnit.SECONDS.toNanos(32);

    private final SipProvider provider;
    private final LegMessages messages;
    private final CallConductor conductor;
    private final Legs legs;

    LegRequests(SipProvider provider, LegMessages messages, CallConductor conductor, Legs legs) {
        this.provider = provider;
        this.messages = messages;
        this.conductor = conductor;
        this.legs = legs;
    }

    /** A NOTIFY of the REFER's subscription; its transaction, or null if it could not be sent. */
    ClientTransaction notify(SipLeg transferor, String statusLine, boolean last) {
        try {
            Request notify = messages.referNotify(transferor.dialog, statusLine, last);
            ClientTransaction tx = provider.getNewClientTransaction(notify);
            transferor.dialog.sendRequest(tx);
            return tx;
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.info("call {}: NOTIFY '{}' to the transferor failed: {}", transferor.call.call.id(), statusLine,
                    e.toString());
            return null;
        }
    }

    /**
     * A re-INVITE offering {@code sdp} on the leg's dialog, not sent yet, so that the caller
     * knows the transaction before its answer can arrive.
     */
    ClientTransaction reinvite(SipLeg leg, String sdp) throws SipException, ParseException {
        Request reinvite = leg.dialog.createRequest(Request.INVITE);
        reinvite.setHeader(messages.contact(leg.transport));
        messages.setSdp(reinvite, sdp);
        return provider.getNewClientTransaction(reinvite);
    }

    /**
     * Sends a request made by {@link #reinvite}.
     *
     * @throws SipException when the dialog refuses it, e.g. an INVITE of the party's own is pending
     */
    void send(SipLeg leg, ClientTransaction tx) throws SipException {
        leg.dialog.sendRequest(tx);
    }

    void ack(SipLeg leg, Response answer) throws SipException, InvalidArgumentException {
        leg.dialog.sendAck(leg.dialog.createAck(LegMessages.cseqOf(answer)));
    }

    /**
     * ACKs a 2xx to an INVITE at once, unless the INVITE had no offer and the 2xx made one: then
     * the answer comes in the other party's ACK, which is carried over to this leg.
     */
    void ackOrAwaitAnswer(SipLeg leg, Response ok, boolean offerInRequest)
            throws SipException, InvalidArgumentException {
        if (offerInRequest || LegMessages.sdpOf(ok) == null) {
            ack(leg, ok);
        } else {
            leg.ackPendingCSeq = LegMessages.cseqOf(ok);
        }
    }

    void bye(SipLeg leg) {
        try {
            if (leg.dialog != null && leg.dialog.getState() == DialogState.CONFIRMED) {
                leg.dialog.sendRequest(provider.getNewClientTransaction(leg.dialog.createRequest(Request.BYE)));
            }
        } catch (SipException e) {
            LOG.debug("call {}: BYE failed: {}", leg.call.call.id(), e.getMessage());
        }
    }

    /**
     * CANCELs the leg's INVITE; its final answer (487, or a 2xx the caller ACKs and hangs up on)
     * normally ends the leg, or it is forgotten 32 s on, if by then it is on no live call.
     */
    void cancel(SipLeg leg) {
        try {
            provider.getNewClientTransaction(leg.inviteClientTx.createCancel()).sendRequest();
        } catch (SipException e) {
            LOG.debug("call {}: CANCEL failed: {}", leg.call.call.id(), e.getMessage());
        }
        leg.cancelPending = false;
        conductor.schedule(CANCELLED_INVITE_NANOS, () -> {
            boolean onLiveCall = leg.call.call.state() != CallState.ENDED
                    && (leg.call.caller == leg || leg.call.callee == leg);
            if (!onLiveCall && legs.get(leg.sipCallId) == leg) {
                LOG.info("call {}: no final answer 32 s after CANCEL; the leg is given up", leg.call.call.id());
                legs.remove(leg);
            }
        });
    }
}
