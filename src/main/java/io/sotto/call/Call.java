package io.sotto.call;

import java.util.List;
import java.util.Objects;

import io.sotto.config.Settings;
import io.sotto.config.UserConfig;
import io.sotto.control.Agent;
import io.sotto.control.CallParties;
import io.sotto.control.DigitCollector;
import io.sotto.control.RecordingState;
import io.sotto.fork.SiprecSession;
import io.sotto.media.MediaSession;

/**
 * One call through Sotto, independent of signalling: who is on it, its media anchor and its
 * recording. Changed only on the {@link CallConductor} thread.
 */
public final class Call {
    private final String id;
    private Direction direction;
    private String caller;
    private String callee;
    private final String number;
    private MediaSession media;
    private final long createdEpochMs;
    private final Settings settings;
    private List<UserConfig> agents = List.of();
    private CallState state = CallState.SETUP;
    private long answeredNanos;
    private long answeredEpochMs;
    private Recording recording;
    private RecordingState recordingState = RecordingState.OFF;
    private long recordingSinceEpochMs;
    private CallParties parties;
    private Agent callerAgent;
    private Agent calleeAgent;
    private List<String> legIds = List.of();
    private String codec = "PCMU";
    private DigitCollector callerDigits;
    private DigitCollector calleeDigits;
    /** The recording the last transfer ended, until this call's next recording names it. */
    private Recording predecessor;
    /** The SIPREC session this call records (Sotto the recording server), or null for a B2BUA call. */
    private SiprecSession siprec;
    /** Whether {@link #predecessor}'s metadata already names the next recording (its id reserved). */
    private String reservedRecordingId;

    public Call(String id, Direction direction, String caller, String callee, String number,
                MediaSession media, long createdEpochMs, Settings settings) {
        this.id = id;
        this.direction = direction;
        this.caller = caller;
        this.callee = callee;
        this.number = number;
        this.media = media;
        this.createdEpochMs = createdEpochMs;
        this.settings = settings;
    }

    /**
     * The live settings as they were when the call arrived: its routing, agents, policy and DTMF
     * codes follow them to its end, so an admin's change applies to the calls that start after it.
     */
    public Settings settings() {
        return settings;
    }

    public String id() {
        return id;
    }

    public Direction direction() {
        return direction;
    }

    public String caller() {
        return caller;
    }

    public String callee() {
        return callee;
    }

    /** The company number involved (dialled on inbound, presented on outbound), or null. */
    public String number() {
        return number;
    }

    public MediaSession media() {
        return media;
    }

    public long createdEpochMs() {
        return createdEpochMs;
    }

    public List<UserConfig> agents() {
        return agents;
    }

    public CallState state() {
        return state;
    }

    public long answeredNanos() {
        return answeredNanos;
    }

    public long answeredEpochMs() {
        return answeredEpochMs;
    }

    public void answered(long nanos, long epochMs) {
        state = CallState.ANSWERED;
        answeredNanos = nanos;
        answeredEpochMs = epochMs;
    }

    public void ended() {
        state = CallState.ENDED;
    }

    public Recording recording() {
        return recording;
    }

    public void recording(Recording recording) {
        this.recording = recording;
    }

    public RecordingState recordingState() {
        return recordingState;
    }

    public long recordingSinceEpochMs() {
        return recordingSinceEpochMs;
    }

    void recordingState(RecordingState state, long sinceEpochMs) {
        this.recordingState = state;
        this.recordingSinceEpochMs = sinceEpochMs;
    }

    /** Who is on the call for the recording policy; set when the call is answered. */
    public CallParties parties() {
        return parties;
    }

    /**
     * Sets the parties at answer: the agent of each leg (null for the customer's leg), the legs'
     * SIP Call-IDs and the negotiated codec, and a digit collector per agent leg.
     */
    public void answeredBy(CallParties parties, Agent callerAgent, Agent calleeAgent, List<String> legIds,
                           String codec) {
        this.parties = parties;
        this.callerAgent = callerAgent;
        this.calleeAgent = calleeAgent;
        this.legIds = List.copyOf(legIds);
        this.codec = codec;
        this.callerDigits = new DigitCollector(settings.company().dtmf());
        this.calleeDigits = new DigitCollector(settings.company().dtmf());
        this.agents = parties.agents().stream().map(Agent::user).filter(Objects::nonNull).toList();
    }

    /** The agent of the leg on {@code side} (0 caller, 1 callee), or null for a customer's leg. */
    public Agent agentOf(int side) {
        return side == 0 ? callerAgent : calleeAgent;
    }

    DigitCollector digitsOf(int side) {
        return side == 0 ? callerDigits : calleeDigits;
    }

    /**
     * The call after a transfer: another party on one side, so new media, parties and (maybe)
     * direction; the call's id and number stay.
     */
    void transferredTo(CallTransfer transfer) {
        this.media = transfer.media();
        this.direction = transfer.direction();
        this.caller = transfer.caller();
        this.callee = transfer.callee();
        answeredBy(transfer.parties(), transfer.callerAgent(), transfer.calleeAgent(), transfer.legIds(),
                transfer.codec());
    }

    Recording predecessor() {
        return predecessor;
    }

    String reservedRecordingId() {
        return reservedRecordingId;
    }

    /** Remembers the recording a transfer ended, and the id reserved for the next one if it named it. */
    void succeeding(Recording ended, String reservedId) {
        this.predecessor = ended;
        this.reservedRecordingId = reservedId;
    }

    /** The next recording has started and been linked to its predecessor. */
    void succeeded() {
        this.predecessor = null;
        this.reservedRecordingId = null;
    }

    /** The SIPREC session this call records, or null for a B2BUA call. */
    public SiprecSession siprec() {
        return siprec;
    }

    /** What a recording client's metadata says of the session, at its start and after each update. */
    public void siprec(SiprecSession session) {
        this.siprec = session;
    }

    public List<String> legIds() {
        return legIds;
    }

    public String codec() {
        return codec;
    }
}
