package io.sotto.recorder;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.sotto.fork.SiprecSession;

/**
 * The {@code <recordingId>.json} beside each WAV (README, "Recordings on disk"), serialised with
 * Jackson exactly as named here. While a recording runs its file holds what is known so far:
 * {@code endedAt}, {@code callDurationMs}, {@code endReason} and {@code sha256} are null and the
 * last segment is open.
 *
 * @param sipCallIds  SIP Call-IDs of the caller's leg and of the callee's leg
 * @param startedAt   ISO-8601 UTC
 * @param endedAt     ISO-8601 UTC, null while recording
 * @param durationMs  audio in the file (frames / 8)
 * @param codec       PCMU, PCMA, or caller/callee (e.g. PCMU/PCMA) when the legs differ
 * @param format      pcm16 or g711
 * @param segments    recorded stretches in call time (ms since the call's answer)
 * @param events      recording state changes, as the call layer sent them
 * @param endReason   hangup, transferred, stopped or error
 * @param error       what went wrong when endReason is error, else null
 * @param siprec      a SIPREC recording's session (docs/siprec.md); absent from a B2BUA call's JSON
 */
@JsonPropertyOrder({"recordingId", "callId", "sipCallIds", "direction", "caller", "callee", "agents", "number",
        "startedAt", "endedAt", "durationMs", "callDurationMs", "channels", "codec", "format", "pauseBehavior",
        "segments", "events", "endReason", "linkedRecordings", "sha256", "error", "siprec"})
public record RecordingMetadata(
        String recordingId,
        String callId,
        List<String> sipCallIds,
        String direction,
        String caller,
        String callee,
        List<String> agents,
        String number,
        String startedAt,
        String endedAt,
        long durationMs,
        Long callDurationMs,
        List<String> channels,
        String codec,
        String format,
        String pauseBehavior,
        List<Segment> segments,
        List<Map<String, Object>> events,
        String endReason,
        List<String> linkedRecordings,
        String sha256,
        String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) Siprec siprec) {

    public static final List<String> CHANNELS = List.of("caller", "callee");
    public static final String END_REASON_ERROR = "error";

    /** A recording without SIPREC data (a B2BUA call). */
    public RecordingMetadata(String recordingId, String callId, List<String> sipCallIds, String direction,
                             String caller, String callee, List<String> agents, String number, String startedAt,
                             String endedAt, long durationMs, Long callDurationMs, List<String> channels,
                             String codec, String format, String pauseBehavior, List<Segment> segments,
                             List<Map<String, Object>> events, String endReason, List<String> linkedRecordings,
                             String sha256, String error) {
        this(recordingId, callId, sipCallIds, direction, caller, callee, agents, number, startedAt, endedAt,
                durationMs, callDurationMs, channels, codec, format, pauseBehavior, segments, events, endReason,
                linkedRecordings, sha256, error, null);
    }

    /**
     * What a SIPREC recording adds (RFC 7866, RFC 7865): the recording client's session id, the
     * participants and the channel each is recorded on, the streams offered but not recorded, and
     * the name of the file beside the WAV that holds the metadata exactly as the client sent it.
     *
     * @param metadataFile {@code <recordingId>.metadata.xml}, or null when the client sent none
     */
    public record Siprec(String sessionId, List<SiprecSession.Participant> participants,
                         List<String> streamsNotRecorded, String metadataFile) {
    }

    /** A recorded stretch in call time; {@code endMs} is null while it is still being recorded. */
    public record Segment(long startMs, Long endMs) {
    }

    /** This metadata completed after a crash from what the WAV on disk tells. */
    public RecordingMetadata recovered(String endedAt, long durationMs, List<Segment> segments, String sha256,
                                       String error) {
        return new RecordingMetadata(recordingId, callId, sipCallIds, direction, caller, callee, agents, number,
                startedAt, endedAt, durationMs, callDurationMs, channels, codec, format, pauseBehavior, segments,
                events, END_REASON_ERROR, linkedRecordings, sha256, error, siprec);
    }

    /** This metadata with the WAV's checksum and duration replaced, after the file was repaired. */
    public RecordingMetadata withAudio(long durationMs, String sha256) {
        return new RecordingMetadata(recordingId, callId, sipCallIds, direction, caller, callee, agents, number,
                startedAt, endedAt, durationMs, callDurationMs, channels, codec, format, pauseBehavior, segments,
                events, endReason, linkedRecordings, sha256, error, siprec);
    }

    /** This metadata marked as failed, when writing it or its WAV went wrong. */
    public RecordingMetadata withError(String error) {
        return new RecordingMetadata(recordingId, callId, sipCallIds, direction, caller, callee, agents, number,
                startedAt, endedAt, durationMs, callDurationMs, channels, codec, format, pauseBehavior, segments,
                events, END_REASON_ERROR, linkedRecordings, sha256, error, siprec);
    }

    /** This metadata naming {@code linkedId} as a linked recording too (after a transfer). */
    public RecordingMetadata withLink(String linkedId) {
        List<String> linked = new java.util.ArrayList<>(linkedRecordings == null ? List.of() : linkedRecordings);
        linked.add(linkedId);
        return new RecordingMetadata(recordingId, callId, sipCallIds, direction, caller, callee, agents, number,
                startedAt, endedAt, durationMs, callDurationMs, channels, codec, format, pauseBehavior, segments,
                events, endReason, List.copyOf(linked), sha256, error, siprec);
    }
}
