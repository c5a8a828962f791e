package io.sotto.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import static io.sotto.config.ConfigNode.quote;

/**
 * Binds the merged config tree to {@link SottoConfig}, key by key, validating as it goes: the first
 * problem found stops binding with a {@link ConfigException} naming its key.
 */
final class ConfigBinder {
    private ConfigBinder() {
    }

    static SottoConfig bind(JsonNode tree) {
        ConfigNode root = ConfigNode.root(tree)
                .mapping("sip", "media", "recording", "http", "peers", "company", "numbers", "users");
        return new SottoConfig(
                sip(root.get("sip")),
                MediaBinder.media(root.get("media")),
                recording(root.get("recording")),
                http(root.get("http")),
                PeerBinder.peers(root.get("peers")),
                CompanyBinder.company(root.get("company")),
                NumberBinder.numbers(root.get("numbers")),
                UserBinder.users(root.get("users")));
    }

    private static SipConfig sip(ConfigNode sip) {
        sip.mapping("listen", "advertise");
        ConfigNode advertise = sip.get("advertise");
        return new SipConfig(
                AddressSyntax.hostPort(sip.get("listen")),
                advertise.isAbsent() ? null : AddressSyntax.host(advertise));
    }

    private static RecordingConfig recording(ConfigNode recording) {
        recording.mapping("dir", "format", "pause_behavior");
        return new RecordingConfig(
                directory(recording.get("dir")),
                recording.get("format").choice(RecordingFormat.class),
                recording.get("pause_behavior").choice(PauseBehavior.class));
    }

    private static HttpConfig http(ConfigNode http) {
        http.mapping("listen");
        return new HttpConfig(AddressSyntax.hostPort(http.get("listen")));
    }

    private static Path directory(ConfigNode dir) {
        String text = dir.string();
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw dir.fail(quote(text) + " is not a valid path: " + e.getReason());
        }
    }
}
