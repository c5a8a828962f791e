package io.sotto.testkit.phone;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets a test thread wait, with a deadline, for state that SIP and RTP threads change. Writers
 * change volatile or concurrent state first and then call {@link #changed()}; a wait ends with a
 * value or an AssertionError that says what was awaited and what was seen instead.
 */
final class Waiter {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    void changed() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the first non-null value of {@code probe}, rechecked on every change until the deadline. */
    <T> T await(Supplier<T> probe, Duration timeout, Supplier<String> whatWasSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + ": " + whatWasSeen.get());
                }
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + whatWasSeen.get(), e);
        } finally {
            lock.unlock();
        }
    }
}
