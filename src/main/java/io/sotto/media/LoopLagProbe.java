package io.sotto.media;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.NanoClock;

import io.netty.util.concurrent.EventExecutor;

import io.sotto.metrics.CycleTimes;

/**
 * Measures how busy one media event loop is: a task that runs {@value #PERIOD_MILLIS} ms after
 * its previous run records how much later than that it ran. That lag is what any task handed to
 * the loop (a bind, a close, a re-latch) and any packet read waited behind the loop's other work.
 *
 * <p>Each run is due a period after the previous run, not after the previous due time: a loop
 * whose every turn takes longer than the period runs a periodic task once a turn, so a fixed rate
 * would add each turn's overrun to the next, and the "lag" grew without bound (26 s in a 30 s run
 * at 1,000 calls, where no task waited more than a turn). One clock read per run, nothing
 * allocated (Netty re-queues a periodic task as is).
 */
final class LoopLagProbe implements Runnable {
    static final long PERIOD_MILLIS = 10;
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);

    private final CycleTimes lags;
    private final NanoClock clock;
    private long due;

    LoopLagProbe(CycleTimes lags, NanoClock clock) {
        this.lags = lags;
        this.clock = clock;
        this.due = clock.nanoTime() + PERIOD_NANOS;
    }

    /** Starts probing {@code loop}; the probe ends with the loop. */
    static void start(EventExecutor loop, CycleTimes lags) {
        loop.scheduleWithFixedDelay(new LoopLagProbe(lags, System::nanoTime), PERIOD_MILLIS, PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        long now = clock.nanoTime();
        lags.record(Math.max(0, now - due), now);
        due = now + PERIOD_NANOS;
    }
}
