package io.sotto.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sotto.config.ConfigNode.quote;

/**
 * One {@code --set key=value}: a key path such as {@code sip.listen} or {@code peers[0].address} and
 * a value read as YAML. Applied to the merged tree with the same rule as a file: a mapping value merges
 * into the mapping there, anything else replaces what is there.
 */
final class SetOverride {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_-]+)((?:\\[[0-9]{1,6}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)]");

    /** A key into a mapping, or an index into a list when {@code key} is null. */
    private record Step(String key, int index) {
    }

    private final String key;
    private final List<Step> steps;
    private final JsonNode value;

    private SetOverride(String key, List<Step> steps, JsonNode value) {
        this.key = key;
        this.steps = steps;
        this.value = value;
    }

    static SetOverride parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new ConfigException("--set " + quote(text) + ": expected key=value, e.g. sip.listen=0.0.0.0:5060");
        }
        String key = text.substring(0, equals).trim();
        List<Step> steps = new ArrayList<>();
        for (String segment : key.split("\\.", -1)) {
            Matcher parts = SEGMENT.matcher(segment);
            if (!parts.matches()) {
                throw new ConfigException("--set " + quote(key)
                        + ": not a key path such as media.ports or peers[0].address");
            }
            steps.add(new Step(parts.group(1), -1));
            Matcher index = INDEX.matcher(parts.group(2));
            while (index.find()) {
                steps.add(new Step(null, Integer.parseInt(index.group(1))));
            }
        }
        return new SetOverride(key, steps, ConfigYaml.readValue(key, text.substring(equals + 1)));
    }

    void applyTo(ObjectNode root) {
        JsonNode container = root;
        String walked = "";
        for (int i = 0; i < steps.size() - 1; i++) {
            Step step = steps.get(i);
            Step next = steps.get(i + 1);
            JsonNode child = child(container, step, walked);
            walked = walked(walked, step);
            if (child == null || child.isNull()) {
                child = next.key() != null ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.arrayNode();
                put(container, step, child);
            } else if (next.key() != null && !child.isObject()) {
                throw fail(walked + " is not a mapping");
            } else if (next.key() == null && !child.isArray()) {
                throw fail(walked + " is not a list");
            }
            container = child;
        }
        Step last = steps.get(steps.size() - 1);
        JsonNode existing = child(container, last, walked);
        put(container, last, TreeMerge.merge(existing, value));
    }

    private JsonNode child(JsonNode container, Step step, String walked) {
        if (step.key() != null) {
            return container.get(step.key());
        }
        if (step.index() > container.size()) {
            throw fail("index " + step.index() + " is past the end of " + walked + " (" + container.size() + " entries)");
        }
        return container.get(step.index());
    }

    /** Sets the child at {@code step}; an index one past the end appends. */
    private static void put(JsonNode container, Step step, JsonNode child) {
        if (step.key() != null) {
            ((ObjectNode) container).set(step.key(), child);
        } else if (step.index() == container.size()) {
            ((ArrayNode) container).add(child);
        } else {
            ((ArrayNode) container).set(step.index(), child);
        }
    }

    private static String walked(String walked, Step step) {
        if (step.key() == null) {
            return walked + "[" + step.index() + "]";
        }
        return walked.isEmpty() ? step.key() : walked + "." + step.key();
    }

    private ConfigException fail(String problem) {
        return new ConfigException("--set " + key + ": " + problem);
    }
}
