package io.sotto.api;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Bounds how many file responses are being written at once, so that a flood of requests cannot
 * hold an unbounded number of open files; a response beyond the bound is answered 503.
 */
public final class StreamPermits {
    private final int max;
    private final AtomicInteger held = new AtomicInteger();

    public StreamPermits(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        if (held.incrementAndGet() > max) {
            held.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        held.decrementAndGet();
    }

    /** Every permit is held now (a hint: {@link #tryAcquire} decides). */
    boolean exhausted() {
        return held.get() >= max;
    }

    /** The answer to a request beyond the bound. */
    static ApiResponse refusal() {
        return ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                "Too many recordings are being streamed; try again later.");
    }
}
