package io.sotto.fork;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies for the control records' collections: a record goes to the recorder by
 * reference ({@link ControlBodies}), so what the conductor changes after sending one must not
 * show in it. Unlike {@code List.copyOf}, they keep nulls and, for maps, the key order (the
 * order of an event's keys in the metadata).
 */
final class Snapshots {
    private Snapshots() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static Map<String, Object> map(Map<String, Object> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static List<Map<String, Object>> maps(List<Map<String, Object>> maps) {
        if (maps == null) {
            return null;
        }
        List<Map<String, Object>> copies = new ArrayList<>(maps.size());
        for (Map<String, Object> map : maps) {
            copies.add(map(map));
        }
        return Collections.unmodifiableList(copies);
    }
}
