package io.sotto.config;

/**
 * A configuration that cannot be used. The message is one line that names the key (or the file)
 * and the problem, e.g. {@code media.ports: "30000-20000" is not a range first-last with first <= last},
 * so it can be printed as is to the admin who wrote the config.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
