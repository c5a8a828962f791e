package io.sotto.fork;

import java.util.Map;

/**
 * A change of recording state, in the STATE record; {@code event} is the SPEC 7 event object the
 * recorder appends to the metadata's {@code events}.
 */
public record StateChange(Map<String, Object> event) {
}
