package io.sotto.fork;

import java.util.List;

/**
 * What a SIPREC recording session (RFC 7866) adds to a recording: the recording client's
 * session id, the participants from its metadata (RFC 7865) and which channel each is on, the
 * streams offered but not recorded, and the metadata text as received. Null on a B2BUA call.
 *
 * @param sessionId    the metadata's {@code <session session_id>}, or null
 * @param participants in the metadata's order
 * @param notRecorded  the {@code a=label} (or {@code m=<index>} without one) of each audio stream
 *                     offered but not recorded
 * @param metadataXml  the latest metadata body exactly as received, or null when none came
 */
public record SiprecSession(String sessionId, List<Participant> participants, List<String> notRecorded,
                            String metadataXml) {
    /** Immutable: it reaches the recorder by reference ({@link ControlBodies}). */
    public SiprecSession {
        participants = Snapshots.list(participants);
        notRecorded = Snapshots.list(notRecorded);
    }

    /**
     * @param channel {@code caller} (left) or {@code callee} (right) when the participant's stream is
     *                recorded there, else null
     */
    public record Participant(String id, String name, String aor, String channel) {
    }
}
