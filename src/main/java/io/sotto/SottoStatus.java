package io.sotto;

/**
 * A snapshot of what Sotto holds: live calls, bound RTP/RTCP ports, media sessions, recordings
 * and open files, plus running totals. Used for leak checks and, later, metrics.
 */
public record SottoStatus(
        int activeCalls,
        int portsInUse,
        int mediaSessions,
        int activeRecordings,
        int openRecordingFiles,
        long forbiddenRequests,
        long audioPacketsForked,
        long audioPacketsDropped) {
}
