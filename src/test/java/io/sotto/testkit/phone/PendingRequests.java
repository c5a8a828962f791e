package io.sotto.testkit.phone;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;

/** Requests a phone sent and awaits a final response for, by client transaction. */
final class PendingRequests {
    private final Map<ClientTransaction, CompletableFuture<SipReply>> pending = new ConcurrentHashMap<>();

    CompletableFuture<SipReply> register(ClientTransaction transaction) {
        CompletableFuture<SipReply> reply = new CompletableFuture<>();
        pending.put(transaction, reply);
        return reply;
    }

    /** Completes the request's reply once; later calls for the same transaction do nothing. */
    void complete(ClientTransaction transaction, SipReply reply) {
        CompletableFuture<SipReply> waiting = pending.remove(transaction);
        if (waiting != null) {
            waiting.complete(reply);
        }
    }

    static SipReply await(CompletableFuture<SipReply> reply, String what, Duration timeout, Supplier<String> seen) {
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no final response to " + what + " within " + timeout + "; " + seen.get(), e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause() + "; " + seen.get(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }
}
