package io.sotto.fork;

import java.util.List;
import java.util.Map;

/**
 * Sent once, in the END record, when the call or the recording ends; after it the recorder
 * finalises the WAV header, writes the JSON metadata and closes the file.
 *
 * @param endReason        hangup, transferred, stopped or error
 * @param endedAtEpochMs   wall-clock time of the end
 * @param callDurationMs   the call's duration from answer to end
 * @param events           recording state changes as written into the metadata (README, "Recordings
 *                         on disk")
 * @param linkedRecordings ids of recordings linked to this one, known by the end
 * @param agents           user ids of every agent the recording had; more than at its start
 *                         when a transfer kept it going ({@code transfer: continue})
 */
public record RecordingEnd(
        String endReason,
        long endedAtEpochMs,
        long callDurationMs,
        List<Map<String, Object>> events,
        List<String> linkedRecordings,
        List<String> agents,
        SiprecSession siprec) {
    /** Immutable: it reaches the recorder by reference ({@link ControlBodies}). */
    public RecordingEnd {
        events = Snapshots.maps(events);
        linkedRecordings = Snapshots.list(linkedRecordings);
        agents = Snapshots.list(agents);
    }

    /** The end of a recording whose SIPREC data, if any, did not change since its start. */
    public RecordingEnd(String endReason, long endedAtEpochMs, long callDurationMs, List<Map<String, Object>> events,
                        List<String> linkedRecordings, List<String> agents) {
        this(endReason, endedAtEpochMs, callDurationMs, events, linkedRecordings, agents, null);
    }
}
