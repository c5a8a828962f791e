package io.sotto.sip;

import java.util.concurrent.atomic.AtomicLong;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on the stack's thread, in the listener, before an event is queued for the conductor: a
 * configured peer's new INVITE gets its server transaction at once, as it arrives.
 *
 * <p>While the conductor is behind, an INVITE can wait in its queue for longer than the caller's
 * timer A (RFC 3261 17.1.1.2, 500 ms). Until the server transaction exists, the stack hands every
 * resend up as a new request, and neither answers it nor sends the 100 Trying that would stop the
 * resends: at 600 setups a second a few thousand resends reached the conductor, each handled
 * there only to be dropped. Made here, the transaction answers a resend itself (17.2.1) and the stack sends 100
 * Trying when the conductor has not within 200 ms; a resend that still comes through is dropped
 * here and counted.
 *
 * <p>Strangers get no state: their INVITE goes on to the conductor, which refuses it statelessly
 * ({@link PeerGate}). An INVITE whose transaction was made here but that the conductor's full
 * queue cannot take is answered 503 with Retry-After at once ({@link #refuse}), so that its
 * transaction ends instead of absorbing the caller's resends until timer B.
 */
final class NewInviteIntake {
    private static final Logger LOG = LoggerFactory.getLogger(NewInviteIntake.class);
    /** Seconds a refused caller is asked to wait (RFC 3261 21.5.4): the conductor drains its queue within that. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final SipProvider provider;
    private final PeerGate peers;
    private final LegMessages messages;
    private final AtomicLong resendsDropped = new AtomicLong();

    NewInviteIntake(SipProvider provider, PeerGate peers, LegMessages messages) {
        this.provider = provider;
        this.peers = peers;
        this.messages = messages;
    }

    /**
     * The event to queue for the conductor, carrying a new INVITE's server transaction; null for a
     * resend of an INVITE whose transaction already exists.
     */
    RequestEvent take(RequestEvent event) {
        Request request = event.getRequest();
        if (event.getServerTransaction() != null || !Request.INVITE.equals(request.getMethod())
                || ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null || !peers.fromPeer(request)) {
            return event;
        }
        try {
            ServerTransaction serverTx = provider.getNewServerTransaction(request);
            return new RequestEvent(event.getSource(), serverTx, serverTx.getDialog(), request);
        } catch (TransactionAlreadyExistsException e) {
            resendsDropped.incrementAndGet();
            return null;
        } catch (TransactionUnavailableException e) {
            // the conductor tries again and answers as it always has
            return event;
        }
    }

    /**
     * The conductor's queue had no room for {@code taken}: a new INVITE given its transaction here
     * is answered 503 in it; anything else is left to its sender's resends, as before.
     */
    void refuse(RequestEvent taken) {
        ServerTransaction serverTx = taken.getServerTransaction();
        if (serverTx == null || !Request.INVITE.equals(taken.getRequest().getMethod())) {
            return;
        }
        try {
            serverTx.sendResponse(messages.busy(taken.getRequest(), RETRY_AFTER_SECONDS));
        } catch (Exception e) {
            LOG.debug("could not refuse an INVITE the conductor had no room for: {}", e.toString());
        }
    }

    /** INVITE resends the stack let through and this intake dropped. */
    long resendsDropped() {
        return resendsDropped.get();
    }
}
