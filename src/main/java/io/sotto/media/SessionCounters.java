package io.sotto.media;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The packet counters of one session. Single writer: all four channels of a session share one
 * event loop, and only that thread increments. Increments are opaque stores (no lock prefix, no
 * fence), which is enough for another thread to read a value that is never torn and soon current.
 */
final class SessionCounters {
    static final int RELAYED = 0;
    static final int DROPPED_NO_DESTINATION = 1;
    static final int DROPPED_FOREIGN_SOURCE = 2;
    static final int DROPPED_MALFORMED = 3;
    static final int DROPPED_CONGESTED = 4;
    static final int FORKED = 5;
    static final int FORK_DROPPED = 6;
    static final int ERRORS = 7;
    static final int COUNT = 8;

    /** A cache line of padding on each side, so sessions on different event loops never share one. */
    private static final int PADDING = 8;
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values = new long[PADDING + COUNT + PADDING];

    /** Only from the session's event loop. */
    void increment(int counter) {
        int index = PADDING + counter;
        VALUES.setOpaque(values, index, values[index] + 1L);
    }

    long get(int counter) {
        return (long) VALUES.getOpaque(values, PADDING + counter);
    }

    void addTo(long[] totals) {
        for (int counter = 0; counter < COUNT; counter++) {
            totals[counter] += get(counter);
        }
    }

    static MediaCounters snapshot(long[] totals) {
        return new MediaCounters(totals[RELAYED], totals[DROPPED_NO_DESTINATION],
                totals[DROPPED_FOREIGN_SOURCE], totals[DROPPED_MALFORMED], totals[DROPPED_CONGESTED],
                totals[FORKED], totals[FORK_DROPPED], totals[ERRORS]);
    }
}
