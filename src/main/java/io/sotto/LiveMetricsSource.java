package io.sotto;

import java.util.ArrayList;
import java.util.List;

import io.sotto.api.MetricsSource;
import io.sotto.call.CallConductor;
import io.sotto.call.CallRegistry;
import io.sotto.fork.ForkControlQueue;
import io.sotto.fork.ForkWriter;
import io.sotto.metrics.CycleTimes;
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
    private final CallConductor conductor;
    private final ForkControlQueue control;
    /** The agents' cycle times (call conductor, recorder); the media loops' come from the relay. */
    private final List<CycleTimes> agentCycles;

    LiveMetricsSource(CallRegistry registry, MediaRelay media, RecorderAgent recorder, ForkWriter fork, SipEdge sip,
                      CallConductor conductor, ForkControlQueue control, List<CycleTimes> agentCycles) {
        this.registry = registry;
        this.media = media;
        this.recorder = recorder;
        this.fork = fork;
        this.sip = sip;
        this.conductor = conductor;
        this.control = control;
        this.agentCycles = List.copyOf(agentCycles);
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
    public long sipInviteResendsDropped() {
        return sip.inviteResendsDropped();
    }

    @Override
    public long forkControlLost() {
        return control.lost();
    }

    @Override
    public int forkControlWaiting() {
        return control.size();
    }

    @Override
    public int forkRingFillBytes() {
        return fork.ringFill();
    }

    @Override
    public int forkRingCapacityBytes() {
        return fork.ringCapacity();
    }

    @Override
    public int conductorCommandsQueued() {
        return conductor.commandsQueued();
    }

    @Override
    public int conductorCompletionsQueued() {
        return conductor.completionsQueued();
    }

    @Override
    public List<CycleTimes.Snapshot> dutyCycles() {
        List<CycleTimes.Snapshot> cycles = new ArrayList<>();
        for (CycleTimes times : agentCycles) {
            cycles.add(times.snapshot());
        }
        for (CycleTimes times : media.loopLags()) {
            cycles.add(times.snapshot());
        }
        return cycles;
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
