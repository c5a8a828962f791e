package io.sotto.api;

import io.sotto.media.MediaCounters;
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

    /** Recording control records (start, pause, resume, stop) lost to a full fork ring. */
    long forkControlLost();

    /** The relay's packet counters, summed over its sessions. */
    MediaCounters media();

    RecorderCounters recorder();
}
