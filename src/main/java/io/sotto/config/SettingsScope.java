package io.sotto.config;

import java.util.List;

/**
 * What one live settings document covers, and which of its keys may change while Sotto runs; the
 * others stay the config file's (docs/configuration.md, "Live settings").
 */
public enum SettingsScope {
    /** {@code company}: every key. */
    COMPANY("company", List.of("record", "control", "dtmf", "transfer", "visibility", "play", "download",
            "max_pause"),
            List.of()),
    /** {@code numbers[]}, by {@code number}: its rule and whom it rings. */
    NUMBER("number", List.of("record", "control", "users", "groups"), List.of("number")),
    /** {@code users[]}, by {@code id}: the overrides; identity, role and token stay in the file. */
    USER("user", List.of("name", "groups", "control", "visibility", "play", "download"),
            List.of("id", "extension", "role", "token_sha256"));

    private final String label;
    private final List<String> liveKeys;
    private final List<String> fileKeys;

    SettingsScope(String label, List<String> liveKeys, List<String> fileKeys) {
        this.label = label;
        this.liveKeys = liveKeys;
        this.fileKeys = fileKeys;
    }

    /** How the scope is written in the catalog and the audit: {@code company}, {@code number}, {@code user}. */
    public String label() {
        return label;
    }

    /** The keys a change may set. */
    public List<String> liveKeys() {
        return liveKeys;
    }

    /** The keys only the config file sets. */
    List<String> fileKeys() {
        return fileKeys;
    }

    public static SettingsScope of(String label) {
        for (SettingsScope scope : values()) {
            if (scope.label.equals(label)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("no settings scope " + label);
    }
}
