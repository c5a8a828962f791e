package io.sotto.api;

import java.util.List;

import io.sotto.media.MediaCounters;
import io.sotto.metrics.CycleTimes;
import io.sotto.recorder.RecorderCounters;

/** A {@link MetricsSource} with a distinct value in every field, so a metric reading the wrong one shows. */
final class FixedMetricsSource implements MetricsSource {
    @Override
    public int activeCalls() {
        return 1;
    }

    @Override
    public int rtpPortsInUse() {
        return 4;
    }

    @Override
    public int mediaSessions() {
        return 2;
    }

    @Override
    public int activeRecordings() {
        return 3;
    }

    @Override
    public int openRecordingFiles() {
        return 5;
    }

    @Override
    public long sipForbidden() {
        return 6;
    }

    @Override
    public long sipEventsShed() {
        return 7;
    }

    @Override
    public long sipInviteResendsDropped() {
        return 35;
    }

    @Override
    public long forkControlLost() {
        return 8;
    }

    @Override
    public int forkControlWaiting() {
        return 9;
    }

    @Override
    public int forkRingFillBytes() {
        return 31;
    }

    @Override
    public int forkRingCapacityBytes() {
        return 32;
    }

    @Override
    public int conductorCommandsQueued() {
        return 33;
    }

    @Override
    public int conductorCompletionsQueued() {
        return 34;
    }

    @Override
    public List<CycleTimes.Snapshot> dutyCycles() {
        CycleTimes calls = new CycleTimes("calls");
        calls.record(3_000_000, 1_000_000_000L);
        calls.record(20_000, 2_000_000_000L);
        return List.of(calls.snapshot());
    }

    @Override
    public MediaCounters media() {
        return new MediaCounters(12_345_678, 11, 12, 13, 14, 15, 16, 17);
    }

    @Override
    public RecorderCounters recorder() {
        return new RecorderCounters(21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33);
    }
}
