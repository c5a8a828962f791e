package io.sotto.sip;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers to requests Sotto receives: in their server transaction, or stateless when all else failed. */
final class ServerTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTransactions.class);

    private final SipProvider provider;
    private final LegMessages messages;

    ServerTransactions(SipProvider provider, LegMessages messages) {
        this.provider = provider;
        this.messages = messages;
    }

    /** The event's server transaction, made if the stack made none; null for a retransmission. */
    static ServerTransaction of(SipProvider provider, RequestEvent event) throws Exception {
        ServerTransaction serverTx = event.getServerTransaction();
        if (serverTx != null) {
            return serverTx;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        }
    }

    /** True once the transaction has sent its final answer (a CANCEL's 487, say). */
    static boolean answered(ServerTransaction tx) {
        TransactionState state = tx.getState();
        return state == TransactionState.COMPLETED || state == TransactionState.CONFIRMED
                || state == TransactionState.TERMINATED;
    }

    ServerTransaction of(RequestEvent event) throws Exception {
        return of(provider, event);
    }

    /** Answers the request as {@code leg} (its tag), unless it is a retransmission. */
    void respond(RequestEvent event, int status, String reason, SipLeg leg) throws Exception {
        ServerTransaction serverTx = of(event);
        if (serverTx != null) {
            serverTx.sendResponse(messages.response(event.getRequest(), status, reason, leg));
        }
    }

    /** A stateless answer after handling failed; a failure to send it is only logged. */
    void respondQuietly(RequestEvent event, int status, String reason) {
        try {
            provider.sendResponse(messages.plain(event.getRequest(), status, reason));
        } catch (Exception e) {
            LOG.debug("could not answer {}: {}", status, e.toString());
        }
    }
}
