package io.sotto.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads the configuration: the built-in default ({@code config/sotto.yaml}, packaged as
 * {@code sotto.yaml}), with the given file laid over it and then each {@code --set} in order, bound
 * and validated into a {@link SottoConfig}.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @param fileOrNull   a YAML file; keys it lacks keep their default (mappings merge, lists replace),
     *                     or null for the built-in default alone
     * @param setOverrides {@code key=value} items, e.g. {@code peers[0].address=127.0.0.1:5071}
     * @throws ConfigException with a one-line message naming the key (or file) and the problem
     */
    public static SottoConfig load(Path fileOrNull, List<String> setOverrides) {
        JsonNode defaults = ConfigYaml.readDefaults();
        ObjectNode tree = (ObjectNode) (fileOrNull == null
                ? defaults
                : TreeMerge.merge(defaults, ConfigYaml.readFile(fileOrNull)));
        for (String override : setOverrides) {
            SetOverride.parse(override).applyTo(tree);
        }
        return ConfigBinder.bind(tree);
    }
}
