package io.sotto.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One node of the parsed config tree together with its key path ({@code peers[1].kind}), so that
 * every typed read can fail with a message naming the key.
 */
final class ConfigNode {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final String path;
    private final JsonNode node;

    private ConfigNode(String path, JsonNode node) {
        this.path = path;
        this.node = node;
    }

    static ConfigNode root(JsonNode tree) {
        return new ConfigNode("", tree);
    }

    /** {@code node} as if found at {@code path} of a config file, so messages name the key a file would. */
    static ConfigNode at(String path, JsonNode node) {
        return new ConfigNode(path, node);
    }

    String path() {
        return path;
    }

    ConfigNode get(String key) {
        String segment = PLAIN_KEY.matcher(key).matches() ? key : quote(key);
        return new ConfigNode(path.isEmpty() ? segment : path + "." + segment, node == null ? null : node.get(key));
    }

    /** Absent, {@code null} and {@code ~} all mean "not set". */
    boolean isAbsent() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Requires a mapping whose keys are all {@code allowed}; returns this node for chaining. */
    ConfigNode mapping(String... allowed) {
        List<String> keys = List.of(allowed);
        if (isAbsent()) {
            throw fail("missing");
        }
        if (!node.isObject()) {
            throw fail("expected a mapping of " + String.join(", ", keys) + ", got " + describe(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw get(name).fail("unknown key");
            }
        }
        return this;
    }

    /** The elements of a list; an absent list is empty. */
    List<ConfigNode> list() {
        if (isAbsent()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail("expected a list, got " + describe(node));
        }
        List<ConfigNode> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(path + "[" + i + "]", node.get(i)));
        }
        return elements;
    }

    /** A required, non-empty string. */
    String string() {
        if (isAbsent()) {
            throw fail("missing");
        }
        String text = optionalString();
        if (text.isEmpty()) {
            throw fail("must not be empty");
        }
        return text;
    }

    /** A string, or null when not set. */
    String optionalString() {
        if (isAbsent()) {
            return null;
        }
        if (node.isNumber()) {
            throw fail("expected a string, got the number " + node.asText()
                    + " (put it in quotes: YAML reads unquoted digits as a number and drops a leading + or 0)");
        }
        if (!node.isTextual()) {
            throw fail("expected a string, got " + describe(node));
        }
        return node.textValue();
    }

    /** The text of a required string or number, for values such as {@code 20000-29999} that YAML may read either way. */
    String scalarText() {
        if (isAbsent()) {
            throw fail("missing");
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw fail("expected a string, got " + describe(node));
        }
        return node.asText();
    }

    /** The text of an address; an unquoted {@code [::1]:5060} is a YAML list, so a list gets a hint. */
    String addressText() {
        if (!isAbsent() && node.isContainerNode()) {
            throw fail("expected an address, got " + describe(node)
                    + " (put an IPv6 address in quotes: \"[::1]:5060\")");
        }
        String text = scalarText();
        if (text.isEmpty()) {
            throw fail("must not be empty");
        }
        return text;
    }

    boolean bool() {
        if (isAbsent()) {
            throw fail("missing");
        }
        return optionalBool();
    }

    Boolean optionalBool() {
        if (isAbsent()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw fail("expected true or false, got " + describe(node));
        }
        return node.booleanValue();
    }

    int integer() {
        if (isAbsent()) {
            throw fail("missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw fail("expected a whole number, got " + describe(node));
        }
        return node.intValue();
    }

    /** An enum constant spelled in lower case in YAML: {@code on_demand_full} for {@code ON_DEMAND_FULL}. */
    <E extends Enum<E>> E choice(Class<E> type) {
        if (isAbsent()) {
            throw fail("missing (expected " + spellings(type) + ")");
        }
        return optionalChoice(type);
    }

    <E extends Enum<E>> E optionalChoice(Class<E> type) {
        if (isAbsent()) {
            return null;
        }
        if (!node.isTextual()) {
            throw fail("expected one of " + spellings(type) + ", got " + describe(node));
        }
        for (E constant : type.getEnumConstants()) {
            if (spelling(constant).equals(node.textValue())) {
                return constant;
            }
        }
        throw fail("unknown value " + quote(node.textValue()) + " (expected " + spellings(type) + ")");
    }

    ConfigException fail(String problem) {
        return new ConfigException((path.isEmpty() ? "(top level)" : path) + ": " + problem);
    }

    /** A value as JSON text, quoted and escaped, so it cannot break the one-line message. */
    static String quote(String value) {
        return new TextNode(value).toString();
    }

    static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> String spellings(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(spelling(constant));
        }
        return String.join(", ", names);
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            return "the string " + quote(value.textValue());
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        return value.asText();
    }
}
