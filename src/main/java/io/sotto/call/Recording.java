package io.sotto.call;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sotto.control.RecordingEvent;

/**
 * A call's recording session as the call side knows it: the key its audio is forked under, the
 * file id, and the state changes so far, in the shape written to the metadata's {@code events}
 * (README, "Recordings on disk").
 */
public final class Recording {
    private final long sessionKey;
    private final String recordingId;
    private final long startedAtEpochMs;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final Set<String> agents = new LinkedHashSet<>();

    public Recording(long sessionKey, String recordingId, long startedAtEpochMs) {
        this.sessionKey = sessionKey;
        this.recordingId = recordingId;
        this.startedAtEpochMs = startedAtEpochMs;
    }

    /** When it started: with the id, where its files are (the day directory). */
    public long startedAtEpochMs() {
        return startedAtEpochMs;
    }

    public long sessionKey() {
        return sessionKey;
    }

    public String recordingId() {
        return recordingId;
    }

    public List<Map<String, Object>> events() {
        return events;
    }

    /** User ids of every agent the recording had (a transfer that keeps it adds the new ones). */
    public List<String> agents() {
        return List.copyOf(agents);
    }

    void addAgents(List<String> userIds) {
        agents.addAll(userIds);
    }

    void add(RecordingEvent event) {
        events.add(event.toMap());
    }
}
