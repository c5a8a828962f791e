package io.sotto;

/**
 * A snapshot of what Sotto holds: live calls, SIP legs (of calls, of transfers under way, and
 * legs still winding down after their call ended), bound RTP/RTCP ports, media sessions,
 * recordings and open files, audio and control records forked but not yet taken by the
 * recorder, plus running totals. Used for leak checks and metrics.
 */
public record SottoStatus(
        int activeCalls,
        int sipLegs,
        int portsInUse,
        int mediaSessions,
        int activeRecordings,
        int openRecordingFiles,
        int forkBacklogBytes,
        long forbiddenRequests,
        long audioPacketsForked,
        long audioPacketsDropped) {
}
