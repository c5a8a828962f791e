package io.sotto.recorder;

/**
 * A snapshot of the recorder's counters, for metrics.
 *
 * @param packetsWritten          audio packets placed in a recording's timeline
 * @param latePacketsDropped      audio packets that arrived after their place was already on disk
 * @param unknownSessionRecords   records for a session key with no open recording
 * @param writeErrors             failed file operations (disk full, permissions)
 * @param nonAudioPackets         packets of other payload types (telephone-event, CN), ignored
 * @param pausedPacketsDiscarded  audio packets that arrived while paused or stopped, never written
 * @param malformedRecords        ring records that could not be understood, dropped
 * @param recordingsStarted       START records that opened a recording
 * @param recordingsFinished      recordings finalised (by END or at shutdown)
 */
public record RecorderCounters(
        long packetsWritten,
        long latePacketsDropped,
        long unknownSessionRecords,
        long writeErrors,
        long nonAudioPackets,
        long pausedPacketsDiscarded,
        long malformedRecords,
        long recordingsStarted,
        long recordingsFinished) {
}
