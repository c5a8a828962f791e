package io.sotto.testkit;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline instead of sleeping a guessed time. */
public final class Poll {
    private static final long DEADLINE_NANOS = 5_000_000_000L;
    private static final long INTERVAL_NANOS = 1_000_000L;

    private Poll() {
    }

    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after 5 s waiting until " + what);
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }
}
