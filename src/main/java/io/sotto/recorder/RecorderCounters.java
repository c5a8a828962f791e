package io.sotto.recorder;

/**
 * A snapshot of the recorder's counters, for metrics.
 *
 * @param packetsWritten          audio packets placed in a recording's timeline
 * @param latePacketsDropped      audio packets that arrived more than the late horizon (10 s) after their
 *                                place, or before the last resume: counted and dropped
 * @param unknownSessionRecords   records for a session key with no open recording
 * @param writeErrors             failed file operations (disk full, permissions)
 * @param nonAudioPackets         packets of other payload types (telephone-event, CN), ignored
 * @param pausedPacketsDiscarded  audio packets that arrived while paused or stopped, never written
 * @param malformedRecords        ring records that could not be understood, dropped
 * @param recordingsStarted       START records that opened a recording
 * @param recordingsFinished      recordings finalised (by END or at shutdown): forced, checksummed, JSON written
 * @param latePacketsWritten      audio packets that arrived after their frames were written, and were
 *                                written into the file at their place (also in {@code packetsWritten})
 * @param finishingBacklog        finishing tasks (final JSON, checksum, fsync) handed over and not yet done
 * @param fsyncs                  files and directories the finishing stage forced to the device
 * @param wavAppends              writes that appended audio to a WAV (the header follows by a
 *                                store to its mapping, no write): a flush of 100 ms or more takes
 *                                one or two, so their rate per packet shows whether writes stay large
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
        long recordingsFinished,
        long latePacketsWritten,
        long finishingBacklog,
        long fsyncs,
        long wavAppends) {
}
