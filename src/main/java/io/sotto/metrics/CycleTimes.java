package io.sotto.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How long one thread's duty cycles take: a histogram with fixed buckets, their sum, count and
 * the longest one, for {@code /metrics}. A cycle is an agent's {@code doWork()} that did some
 * work, or for an event loop how late a periodic task ran (what any task queued on it waited).
 *
 * <p>Single writer, the measured thread: {@link #record} is a few plain adds published with
 * opaque stores (no lock, no fence, no allocation), which is enough for a scrape on another
 * thread to read values that are never torn and soon current. A scrape may see a count and a sum
 * one cycle apart; Prometheus tolerates that. This package depends on nothing else of Sotto, so
 * every layer may record into it.
 */
public final class CycleTimes {
    /** Upper bounds of the buckets, in nanoseconds: 10 µs to 1 s, roughly 1-2.5-5 per decade. */
    private static final long[] BOUNDS_NANOS = {
            10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
            1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000,
            100_000_000, 250_000_000, 500_000_000, 1_000_000_000};
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Padding so that two threads' histograms never share a cache line. */
    private static final int PADDING = 8;
    /** The recent longest cycle is the longest of the current window and the one before. */
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final int SUM = PADDING + BOUNDS_NANOS.length + 1;
    private static final int MAX = SUM + 1;
    private static final int WINDOW_MAX = MAX + 1;
    private static final int PREVIOUS_WINDOW_MAX = WINDOW_MAX + 1;

    private final String thread;
    private final long[] values = new long[PREVIOUS_WINDOW_MAX + 1 + PADDING];
    private long windowEnd;

    /** @param thread the label the metrics give this thread, e.g. {@code calls} or {@code media-1} */
    public CycleTimes(String thread) {
        this.thread = thread;
    }

    public String thread() {
        return thread;
    }

    /** One cycle of {@code nanos}, ended at {@code nowNanos} (monotonic); only from the measured thread. */
    public void record(long nanos, long nowNanos) {
        int bucket = 0;
        while (bucket < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        add(PADDING + bucket, 1);
        add(SUM, nanos);
        if (nanos > values[MAX]) {
            LONGS.setOpaque(values, MAX, nanos);
        }
        if (nowNanos - windowEnd >= 0) {
            // a window with no cycle at all leaves nothing to remember
            boolean adjacent = nowNanos - windowEnd < WINDOW_NANOS;
            LONGS.setOpaque(values, PREVIOUS_WINDOW_MAX, adjacent ? values[WINDOW_MAX] : 0L);
            LONGS.setOpaque(values, WINDOW_MAX, 0L);
            windowEnd = nowNanos + WINDOW_NANOS;
        }
        if (nanos > values[WINDOW_MAX]) {
            LONGS.setOpaque(values, WINDOW_MAX, nanos);
        }
    }

    /** The buckets' upper bounds in seconds, without the +Inf bucket. */
    public static double[] boundsSeconds() {
        double[] seconds = new double[BOUNDS_NANOS.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = BOUNDS_NANOS[i] / 1e9;
        }
        return seconds;
    }

    /** What has been recorded so far; from any thread. */
    public Snapshot snapshot() {
        long[] counts = new long[BOUNDS_NANOS.length + 1];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (long) LONGS.getOpaque(values, PADDING + i);
            total += counts[i];
        }
        long recent = Math.max((long) LONGS.getOpaque(values, WINDOW_MAX),
                (long) LONGS.getOpaque(values, PREVIOUS_WINDOW_MAX));
        return new Snapshot(thread, counts, total, (long) LONGS.getOpaque(values, SUM) / 1e9,
                (long) LONGS.getOpaque(values, MAX) / 1e9, recent / 1e9);
    }

    private void add(int index, long amount) {
        LONGS.setOpaque(values, index, values[index] + amount);
    }

    /**
     * @param counts       cycles per bucket (not cumulative), the last one above 1 s
     * @param count        all cycles recorded
     * @param sumSeconds   their total time
     * @param longestSeconds the longest one since the start
     * @param recentLongestSeconds the longest one in the last 10 to 20 seconds (0 if none ran)
     */
    public record Snapshot(String thread, long[] counts, long count, double sumSeconds, double longestSeconds,
                           double recentLongestSeconds) {
    }
}
