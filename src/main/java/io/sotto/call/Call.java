package io.sotto.call;

import java.util.List;

import io.sotto.config.UserConfig;
import io.sotto.media.MediaSession;

/**
 * One call through Sotto, independent of signalling: who is on it, its media anchor and its
 * recording. Changed only on the {@link CallConductor} thread.
 */
public final class Call {
    private final String id;
    private final Direction direction;
    private final String caller;
    private final String callee;
    private final String number;
    private final MediaSession media;
    private final long createdEpochMs;
    private List<UserConfig> agents = List.of();
    private CallState state = CallState.SETUP;
    private long answeredNanos;
    private long answeredEpochMs;
    private Recording recording;

    public Call(String id, Direction direction, String caller, String callee, String number,
                MediaSession media, long createdEpochMs) {
        this.id = id;
        this.direction = direction;
        this.caller = caller;
        this.callee = callee;
        this.number = number;
        this.media = media;
        this.createdEpochMs = createdEpochMs;
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

    public void agents(List<UserConfig> agents) {
        this.agents = List.copyOf(agents);
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
}
