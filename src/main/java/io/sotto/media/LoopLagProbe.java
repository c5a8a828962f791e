package io.sotto.media;

import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;

import io.sotto.metrics.CycleTimes;

/**
 * Measures how busy one media event loop is: a task scheduled on it every
 * {@value #PERIOD_MILLIS} ms records how much later than due it ran. That lag is what any task
 * handed to the loop (a bind, a close, a re-latch) and any packet read waited behind the loop's
 * other work. One clock read per run, nothing allocated (Netty re-queues a periodic task as is).
 */
final class LoopLagProbe implements Runnable {
    static final long PERIOD_MILLIS = 10;
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);

    private final CycleTimes lags;
    private long due;

    private LoopLagProbe(CycleTimes lags) {
        this.lags = lags;
    }

    /** Starts probing {@code loop}; the probe ends with the loop. */
    static void start(EventExecutor loop, CycleTimes lags) {
        LoopLagProbe probe = new LoopLagProbe(lags);
        probe.due = System.nanoTime() + PERIOD_NANOS;
        loop.scheduleAtFixedRate(probe, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        lags.record(Math.max(0, now - due), now);
        // fixed rate, as Netty schedules it: due a period after this one was, however late it ran
        due += PERIOD_NANOS;
    }
}
