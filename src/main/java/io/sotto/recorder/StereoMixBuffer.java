package io.sotto.recorder;

import java.util.Arrays;

import org.agrona.DirectBuffer;

/**
 * The jitter window of one recording: two circular buffers of 16-bit linear samples (caller,
 * callee) indexed by timeline position, allocated once per recording. Positions not filled by a
 * packet stay zero, which is how loss, silence suppression and hold become silence.
 *
 * <p>Half of it is the {@link #TAIL}: frames already written stay here for a second, so that a
 * late packet (the burst after a stall) is patched in memory and its frames rewritten once per
 * flush, instead of read back from the file per packet. The other half is room {@link #AHEAD} of
 * the written frames: the jitter window and a backlog while the agent was descheduled.
 */
final class StereoMixBuffer {
    /** About two seconds at 8 kHz. */
    static final int CAPACITY = 1 << 14;
    /** Written positions kept: about one second. */
    static final int TAIL = CAPACITY / 2;
    /** Positions after the written ones that may be filled: about one second. */
    static final int AHEAD = CAPACITY - TAIL;
    private static final int MASK = CAPACITY - 1;

    private final short[] caller = new short[CAPACITY];
    private final short[] callee = new short[CAPACITY];

    /** Decodes {@code count} G.711 bytes into {@code channel} from timeline {@code position} on. */
    void decode(int channel, long position, DirectBuffer src, int offset, int count, short[] table) {
        short[] samples = channel == 0 ? caller : callee;
        for (int i = 0; i < count; i++) {
            samples[(int) ((position + i) & MASK)] = table[src.getByte(offset + i) & 0xFF];
        }
    }

    short caller(long position) {
        return caller[(int) (position & MASK)];
    }

    short callee(long position) {
        return callee[(int) (position & MASK)];
    }

    /**
     * Moves {@code channel}'s samples at {@code [from, to)} earlier by {@code by} samples (a stream
     * whose start was placed late), leaving silence behind them; samples that would land before
     * {@code floor} (written, or before the recording or the last resume) are dropped.
     */
    void moveEarlier(int channel, long from, long to, long by, long floor) {
        short[] samples = channel == 0 ? caller : callee;
        for (long p = Math.max(from, floor + by); p < to; p++) {
            samples[(int) ((p - by) & MASK)] = samples[(int) (p & MASK)];
        }
        for (long p = Math.max(from, to - by); p < to; p++) {
            samples[(int) (p & MASK)] = 0;
        }
    }

    /** Returns positions {@code [from, to)} to silence so that their slots can be reused. */
    void clear(long from, long to) {
        if (to - from >= CAPACITY) {
            Arrays.fill(caller, (short) 0);
            Arrays.fill(callee, (short) 0);
            return;
        }
        for (long p = from; p < to; p++) {
            int slot = (int) (p & MASK);
            caller[slot] = 0;
            callee[slot] = 0;
        }
    }
}
