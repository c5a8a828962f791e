package io.sotto.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Lays one config tree over another: mappings merge key by key, so a file need only hold the keys it
 * changes; lists and scalars replace, so a file's {@code peers} is the whole peer list.
 */
final class TreeMerge {
    private TreeMerge() {
    }

    /** A new tree; neither argument is changed. */
    static JsonNode merge(JsonNode base, JsonNode override) {
        if (override == null || override.isMissingNode()) {
            return base;
        }
        if (base == null || !base.isObject()) {
            return override;
        }
        if (override.isNull()) {
            // An empty section ("company:" with nothing under it) keeps every default.
            return base;
        }
        if (!override.isObject()) {
            return override;
        }
        ObjectNode merged = ((ObjectNode) base).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = override.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            merged.set(field.getKey(), merge(merged.get(field.getKey()), field.getValue()));
        }
        return merged;
    }
}
