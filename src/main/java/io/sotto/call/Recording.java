package io.sotto.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A call's recording session as the call side knows it: the key its audio is forked under, the
 * file id, and the state changes so far (SPEC 7 events).
 */
public final class Recording {
    private final long sessionKey;
    private final String recordingId;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private String state;

    public Recording(long sessionKey, String recordingId, String state) {
        this.sessionKey = sessionKey;
        this.recordingId = recordingId;
        this.state = state;
    }

    public long sessionKey() {
        return sessionKey;
    }

    public String recordingId() {
        return recordingId;
    }

    public String state() {
        return state;
    }

    public List<Map<String, Object>> events() {
        return events;
    }

    void state(String state, Map<String, Object> event) {
        this.state = state;
        events.add(event);
    }
}
