package io.sotto.api;

import java.util.List;

import io.sotto.media.MediaCounters;
import io.sotto.metrics.CycleTimes;
import io.sotto.recorder.RecorderCounters;

/**
 * What {@code /metrics} reads, once per scrape: live counts and running totals of the other
 * parts. Every method may be called from an HTTP event loop at any time, must be safe from any
 * thread and must not block; none is called on the media path.
 */
public interface MetricsSource {
    /** Calls in progress. */
    int activeCalls();

    /** UDP ports bound for RTP and RTCP (four per media session). */
    int rtpPortsInUse();

    int mediaSessions();

    /** Recordings started and not yet finished. */
    int activeRecordings();

    /** WAV files open for writing. */
    int openRecordingFiles();

    /** SIP requests refused with 403 because they came from no configured peer. */
    long sipForbidden();

    /** SIP events dropped because the call conductor's queue was full (overload). */
    long sipEventsShed();

    /** Resent INVITEs dropped as they arrived, their server transaction already made. */
    long sipInviteResendsDropped();

    /** Recording control records (start, pause, resume, stop) lost: the queue waiting for the ring was full. */
    long forkControlLost();

    /** Recording control records waiting for room in the fork ring. */
    int forkControlWaiting();

    /** Bytes in the fork ring not yet read by the recorder. */
    int forkRingFillBytes();

    int forkRingCapacityBytes();

    /** Commands (SIP events, API actions) queued for the call conductor. */
    int conductorCommandsQueued();

    /** Completions (media bound, say) queued for the call conductor. */
    int conductorCompletionsQueued();

    /**
     * How long the threads' duty cycles run: the call conductor's ({@code calls}) and the
     * recorder's ({@code recorder}) busy {@code doWork()}s, and each media event loop's task lag.
     */
    List<CycleTimes.Snapshot> dutyCycles();

    /** The relay's packet counters, summed over its sessions. */
    MediaCounters media();

    RecorderCounters recorder();
}
