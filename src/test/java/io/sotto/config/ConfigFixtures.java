package io.sotto.config;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** Config files under src/test/resources/config, and loading them. */
final class ConfigFixtures {
    private ConfigFixtures() {
    }

    static Path fixture(String name) {
        URL url = ConfigFixtures.class.getResource("/config/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture config/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SottoConfig load(String fixture, String... overrides) {
        return ConfigLoader.load(fixture(fixture), List.of(overrides));
    }

    static SottoConfig defaults(String... overrides) {
        return ConfigLoader.load(null, List.of(overrides));
    }
}
