package io.sotto.sip;

import java.util.IdentityHashMap;
import java.util.Map;

import javax.sip.ClientTransaction;

/**
 * The transfers under way: at most one per call, found by each call it touches (an attended
 * REFER touches two), and by the INVITE or re-INVITE each waits on. A transfer that was given
 * up (its call ended, its target rang too long) touches no call any more but is still found by
 * its request, so that the request's late answer is cleaned up.
 */
final class TransfersUnderWay {
    private final Map<ClientTransaction, Transfer> byTransaction = new IdentityHashMap<>();
    private final Map<SipCall, Transfer> byCall = new IdentityHashMap<>();

    /** The transfer touching {@code call}, or null. */
    Transfer of(SipCall call) {
        return byCall.get(call);
    }

    boolean touches(SipCall call) {
        return byCall.containsKey(call);
    }

    /** {@code transfer} touches {@code call}: no other transfer may start on it. */
    void add(SipCall call, Transfer transfer) {
        byCall.put(call, transfer);
    }

    /** The transfer now waits on {@code tx}. */
    void waitOn(Transfer transfer, ClientTransaction tx) {
        transfer.pending = tx;
        byTransaction.put(tx, transfer);
    }

    /** The transfer waiting on {@code tx}, or null. */
    Transfer waitingOn(ClientTransaction tx) {
        return byTransaction.get(tx);
    }

    /** {@code tx} got its final answer (or none will come): nothing waits on it any more. */
    Transfer answered(ClientTransaction tx) {
        return byTransaction.remove(tx);
    }

    /** The transfer touches no call any more; its request, if any, is still found. */
    void release(Transfer transfer) {
        byCall.values().removeIf(each -> each == transfer);
    }

    /** The transfer is over: it touches no call and waits on nothing. */
    void forget(Transfer transfer) {
        release(transfer);
        if (transfer.pending != null) {
            byTransaction.remove(transfer.pending);
        }
    }
}
