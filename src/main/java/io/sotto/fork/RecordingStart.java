package io.sotto.fork;

import java.util.List;

/**
 * What the recorder needs to open a recording: sent once, in the START record, before any audio of
 * the session. Immutable: it reaches the recorder by reference ({@link ControlBodies}).
 *
 * @param recordingId       time-sortable unique id, also the file name
 * @param callId            Sotto's id of the call
 * @param sipCallIds        SIP Call-IDs of the caller's leg and of the callee's leg, in that order
 * @param direction         inbound, outbound or internal
 * @param caller            caller's number or user part
 * @param callee            callee's number or user part
 * @param agents            user ids of the agents on the call
 * @param number            the company number involved, or null
 * @param startedAtEpochMs  wall-clock time of the START record
 * @param callStartNanos    monotonic nanos of the call's answer; segments are measured from it
 * @param callerCodec       negotiated audio codec of the caller's leg (PCMU or PCMA)
 * @param calleeCodec       negotiated audio codec of the callee's leg (PCMU or PCMA)
 * @param linkedRecordings  ids of recordings this one continues or is continued by
 * @param siprec            the SIPREC session recorded, or null for a B2BUA call
 */
public record RecordingStart(
        String recordingId,
        String callId,
        List<String> sipCallIds,
        String direction,
        String caller,
        String callee,
        List<String> agents,
        String number,
        long startedAtEpochMs,
        long callStartNanos,
        String callerCodec,
        String calleeCodec,
        List<String> linkedRecordings,
        SiprecSession siprec) {

    public RecordingStart {
        sipCallIds = Snapshots.list(sipCallIds);
        agents = Snapshots.list(agents);
        linkedRecordings = Snapshots.list(linkedRecordings);
    }

    /** A B2BUA call's recording: no SIPREC session. */
    public RecordingStart(String recordingId, String callId, List<String> sipCallIds, String direction, String caller,
                          String callee, List<String> agents, String number, long startedAtEpochMs,
                          long callStartNanos, String callerCodec, String calleeCodec,
                          List<String> linkedRecordings) {
        this(recordingId, callId, sipCallIds, direction, caller, callee, agents, number, startedAtEpochMs,
                callStartNanos, callerCodec, calleeCodec, linkedRecordings, null);
    }
}
