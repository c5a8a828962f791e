package io.sotto.call;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

/**
 * Time that moves only when the test moves it; epoch and monotonic move together. Public so that
 * the SIP side's conductor tests run on the same clock as these.
 */
public final class ManualClock implements NanoClock, EpochClock {
    public static final long START_NANOS = TimeUnit.SECONDS.toNanos(1_000);
    public static final long START_EPOCH_MS = 1_764_000_000_000L;

    private long nanos = START_NANOS;
    private long epochMs = START_EPOCH_MS;

    public void advance(long nanos) {
        this.nanos += nanos;
        this.epochMs += TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long time() {
        return epochMs;
    }
}
