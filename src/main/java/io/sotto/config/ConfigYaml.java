package io.sotto.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static io.sotto.config.ConfigNode.quote;

/** Reads YAML into a tree, turning parser errors into one-line messages with the line and column. */
final class ConfigYaml {
    /** The built-in default config, packaged from {@code config/sotto.yaml} in the repository. */
    static final String DEFAULT_RESOURCE = "sotto.yaml";

    // A repeated key is a mistake in a config, not "last one wins".
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** {@code [2001:db8::1]:5060}: YAML reads it as a flow list or fails on it, but here it is an address. */
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*](:[0-9]*)?");

    private ConfigYaml() {
    }

    static JsonNode readDefaults() {
        try (InputStream in = ConfigYaml.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in config " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in config " + DEFAULT_RESOURCE, e);
        }
    }

    /** The file's top-level mapping; an empty file is an empty mapping. */
    static JsonNode readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found");
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": permission denied");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + oneLine(String.valueOf(e.getMessage())));
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + describe(e));
        }
        if (tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            throw new ConfigException(file + ": expected a mapping of sections (sip, media, recording, ...) at the top");
        }
        return tree;
    }

    /**
     * A {@code --set} value read as YAML ({@code [PCMU]}, {@code true}, {@code 3000}). An empty value is
     * null; a value YAML reads as only a comment, such as {@code #21#}, and an {@code [IPv6]:port} are
     * taken as the text they are.
     */
    static JsonNode readValue(String key, String text) {
        if (BRACKETED_IPV6.matcher(text).matches()) {
            return TextNode.valueOf(text);
        }
        JsonNode value;
        try {
            value = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("--set " + key + ": value " + quote(text) + " is not YAML: " + describe(e));
        }
        if (value.isMissingNode()) {
            return text.isBlank() ? NullNode.getInstance() : TextNode.valueOf(text);
        }
        return value;
    }

    private static String describe(JsonProcessingException e) {
        String problem = e.getOriginalMessage();
        MarkedYAMLException yaml = markedCause(e);
        if (yaml != null && yaml.getProblem() != null) {
            problem = yaml.getProblem();
            if (yaml.getContext() != null && yaml.getContextMark() != null) {
                problem += " (" + yaml.getContext() + " at line " + (yaml.getContextMark().getLine() + 1) + ")";
            }
        }
        JsonLocation at = e.getLocation();
        String where = at != null && at.getLineNr() > 0 ? "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " : "";
        return where + oneLine(problem);
    }

    private static MarkedYAMLException markedCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
