package io.sotto.api;

import java.util.concurrent.atomic.AtomicInteger;

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

    /** How many are held now. */
    public int held() {
        return held.get();
    }
}
