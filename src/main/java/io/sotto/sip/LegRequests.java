package io.sotto.sip;

import java.text.ParseException;

import javax.sip.ClientTransaction;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests Sotto sends on a leg of its own accord for a transfer, not relayed from the other
 * leg: NOTIFY to the transferor, re-INVITE and ACK, BYE and CANCEL. Those that are best effort
 * (BYE, CANCEL, NOTIFY) log a failure and return; the leg is being left anyway.
 */
final class LegRequests {
    private static final Logger LOG = LoggerFactory.getLogger(LegRequests.class);

    private final SipProvider provider;
    private final LegMessages messages;

    LegRequests(SipProvider provider, LegMessages messages) {
        this.provider = provider;
        this.messages = messages;
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

    void bye(SipLeg leg) {
        try {
            if (leg.dialog != null && leg.dialog.getState() == DialogState.CONFIRMED) {
                leg.dialog.sendRequest(provider.getNewClientTransaction(leg.dialog.createRequest(Request.BYE)));
            }
        } catch (SipException e) {
            LOG.debug("call {}: BYE failed: {}", leg.call.call.id(), e.getMessage());
        }
    }

    void cancel(SipLeg leg) {
        try {
            provider.getNewClientTransaction(leg.inviteClientTx.createCancel()).sendRequest();
        } catch (SipException e) {
            LOG.debug("call {}: CANCEL failed: {}", leg.call.call.id(), e.getMessage());
        }
        leg.cancelPending = false;
    }
}
