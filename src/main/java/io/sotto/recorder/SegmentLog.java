package io.sotto.recorder;

import java.util.ArrayList;
import java.util.List;

import io.sotto.recorder.RecordingMetadata.Segment;

/** The recorded stretches of one recording in call time (ms since the call's answer). */
final class SegmentLog {
    private static final long NANOS_PER_MS = 1_000_000L;

    private final long callStartNanos;
    private final List<Segment> closed = new ArrayList<>();
    private long openStartMs;
    private boolean open;

    SegmentLog(long callStartNanos) {
        this.callStartNanos = callStartNanos;
    }

    void open(long atNanos) {
        if (!open) {
            open = true;
            openStartMs = callTimeMs(atNanos);
        }
    }

    void close(long atNanos) {
        if (open) {
            open = false;
            closed.add(new Segment(openStartMs, Math.max(openStartMs, callTimeMs(atNanos))));
        }
    }

    /** The segments so far, the running one (if any) with no end yet. */
    List<Segment> segments() {
        List<Segment> all = new ArrayList<>(closed);
        if (open) {
            all.add(new Segment(openStartMs, null));
        }
        return all;
    }

    private long callTimeMs(long nanos) {
        return Math.floorDiv(nanos - callStartNanos, NANOS_PER_MS);
    }
}
