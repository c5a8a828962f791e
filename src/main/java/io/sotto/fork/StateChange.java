package io.sotto.fork;

import java.util.Map;

/**
 * A change of recording state, in the STATE record; {@code event} is the event object the recorder
 * appends to the metadata's {@code events} (its keys: README, "Recordings on disk").
 */
public record StateChange(Map<String, Object> event) {
    /** Immutable: it reaches the recorder by reference ({@link ControlBodies}). */
    public StateChange {
        event = Snapshots.map(event);
    }
}
