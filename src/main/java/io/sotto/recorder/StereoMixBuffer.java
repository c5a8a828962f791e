package io.sotto.recorder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The jitter window of one recording: a circular buffer of stereo frames indexed by timeline
 * position, allocated once per recording. Positions not filled by a packet stay zero, which is
 * how loss, silence suppression and hold become silence.
 *
 * <p>Frames are kept as a 16-bit PCM WAV holds them (caller left, callee right, little-endian,
 * RFC 2361's WAVE_FORMAT_PCM), off the heap, so that the recorder writes a flush straight from
 * here ({@link #frames}) with no per-sample copy; G.711 recordings encode from {@link #caller}
 * and {@link #callee}.
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
    static final int FRAME_BYTES = 4;
    private static final int MASK = CAPACITY - 1;
    private static final ByteOrder WAV_ORDER = ByteOrder.LITTLE_ENDIAN;

    private final UnsafeBuffer samples;
    /** A view of the frames for writes; its position and limit are set per {@link #frames} call. */
    private final ByteBuffer view;

    StereoMixBuffer() {
        ByteBuffer memory = ByteBuffer.allocateDirect(CAPACITY * FRAME_BYTES).order(WAV_ORDER);
        samples = new UnsafeBuffer(memory);
        view = memory.duplicate().order(WAV_ORDER);
    }

    /** Decodes {@code count} G.711 bytes into {@code channel} from timeline {@code position} on. */
    void decode(int channel, long position, DirectBuffer src, int offset, int count, short[] table) {
        int side = channel * 2;
        for (int i = 0; i < count; i++) {
            samples.putShort(index(position + i) + side, table[src.getByte(offset + i) & 0xFF], WAV_ORDER);
        }
    }

    short caller(long position) {
        return samples.getShort(index(position), WAV_ORDER);
    }

    short callee(long position) {
        return samples.getShort(index(position) + 2, WAV_ORDER);
    }

    /**
     * The frames from {@code from} on, at most to {@code to} and to the end of the circle, as a
     * 16-bit PCM WAV holds them: the returned view (reused by the next call) has them between its
     * position and limit.
     */
    ByteBuffer frames(long from, long to) {
        int slot = (int) (from & MASK);
        int count = (int) Math.min(to - from, CAPACITY - slot);
        view.clear();
        view.position(slot * FRAME_BYTES).limit((slot + count) * FRAME_BYTES);
        return view;
    }

    /**
     * Moves {@code channel}'s samples at {@code [from, to)} earlier by {@code by} samples (a stream
     * whose start was placed late), leaving silence behind them; samples that would land before
     * {@code floor} (written, or before the recording or the last resume) are dropped.
     */
    void moveEarlier(int channel, long from, long to, long by, long floor) {
        int side = channel * 2;
        for (long p = Math.max(from, floor + by); p < to; p++) {
            samples.putShort(index(p - by) + side, samples.getShort(index(p) + side, WAV_ORDER), WAV_ORDER);
        }
        for (long p = Math.max(from, to - by); p < to; p++) {
            samples.putShort(index(p) + side, (short) 0, WAV_ORDER);
        }
    }

    /** Returns positions {@code [from, to)} to silence so that their slots can be reused. */
    void clear(long from, long to) {
        if (to - from >= CAPACITY) {
            samples.setMemory(0, CAPACITY * FRAME_BYTES, (byte) 0);
            return;
        }
        long position = from;
        while (position < to) {
            int slot = (int) (position & MASK);
            int count = (int) Math.min(to - position, CAPACITY - slot);
            samples.setMemory(slot * FRAME_BYTES, count * FRAME_BYTES, (byte) 0);
            position += count;
        }
    }

    private static int index(long position) {
        return (int) (position & MASK) * FRAME_BYTES;
    }
}
