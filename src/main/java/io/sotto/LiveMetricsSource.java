package io.sotto;

import io.sotto.api.MetricsSource;
import io.sotto.call.CallRegistry;
import io.sotto.fork.ForkWriter;
import io.sotto.media.MediaCounters;
import io.sotto.media.MediaRelay;
import io.sotto.recorder.RecorderAgent;
import io.sotto.recorder.RecorderCounters;
import io.sotto.sip.SipEdge;

/** What {@code /metrics} reads, straight from the running parts; each read is thread-safe and does not block. */
final class LiveMetricsSource implements MetricsSource {
    private final CallRegistry registry;
    private final MediaRelay media;
    private final RecorderAgent recorder;
    private final ForkWriter fork;
    private final SipEdge sip;

    LiveMetricsSource(CallRegistry registry, MediaRelay media, RecorderAgent recorder, ForkWriter fork, SipEdge sip) {
        this.registry = registry;
        this.media = media;
        this.recorder = recorder;
        this.fork = fork;
        this.sip = sip;
    }

    @Override
    public int activeCalls() {
        return registry.size();
    }

    @Override
    public int rtpPortsInUse() {
        return media.portsInUse();
    }

    @Override
    public int mediaSessions() {
        return media.sessionsOpen();
    }

    @Override
    public int activeRecordings() {
        return recorder.activeRecordings();
    }

    @Override
    public int openRecordingFiles() {
        return recorder.openFiles();
    }

    @Override
    public long sipForbidden() {
        return sip.forbiddenCount();
    }

    @Override
    public long sipEventsShed() {
        return sip.shedCount();
    }

    @Override
    public long forkControlLost() {
        return fork.controlLost();
    }

    @Override
    public MediaCounters media() {
        return media.counters();
    }

    @Override
    public RecorderCounters recorder() {
        return recorder.counters();
    }
}
