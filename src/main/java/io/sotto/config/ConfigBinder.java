package io.sotto.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

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
                .mapping("sip", "media", "recording", "http", "peers", "company", "numbers", "users", "catalog");
        SipConfig sip = sip(root.get("sip"));
        MediaConfig media = MediaBinder.media(root.get("media"));
        RecordingConfig recording = recording(root.get("recording"));
        HttpConfig http = http(root.get("http"));
        List<PeerConfig> peers = PeerBinder.peers(root.get("peers"));
        Settings settings = SettingsTree.bind(root);
        return new SottoConfig(sip, media, recording, http, peers, settings.company(), settings.numbers(),
                settings.users(), CatalogBinder.catalog(root.get("catalog")));
    }

    private static SipConfig sip(ConfigNode sip) {
        sip.mapping("listen", "advertise", "ring_timeout", "dialog_probe");
        ConfigNode advertise = sip.get("advertise");
        ConfigNode ringTimeout = sip.get("ring_timeout");
        int ringTimeoutSeconds = ringTimeout.integer();
        if (ringTimeoutSeconds < SipConfig.MIN_RING_TIMEOUT_SECONDS
                || ringTimeoutSeconds > SipConfig.MAX_RING_TIMEOUT_SECONDS) {
            throw ringTimeout.fail(ringTimeoutSeconds + " is outside " + SipConfig.MIN_RING_TIMEOUT_SECONDS + "-"
                    + SipConfig.MAX_RING_TIMEOUT_SECONDS);
        }
        ConfigNode dialogProbe = sip.get("dialog_probe");
        int dialogProbeSeconds = dialogProbe.integer();
        if (dialogProbeSeconds < 0 || dialogProbeSeconds > SipConfig.MAX_DIALOG_PROBE_SECONDS) {
            throw dialogProbe.fail(dialogProbeSeconds + " is outside 0-" + SipConfig.MAX_DIALOG_PROBE_SECONDS
                    + " (seconds; 0 for never)");
        }
        return new SipConfig(
                AddressSyntax.hostPort(sip.get("listen")),
                advertise.isAbsent() ? null : AddressSyntax.host(advertise),
                ringTimeoutSeconds, dialogProbeSeconds);
    }

    private static RecordingConfig recording(ConfigNode recording) {
        recording.mapping("dir", "format", "pause_behavior", "fsync");
        return new RecordingConfig(
                directory(recording.get("dir")),
                recording.get("format").choice(RecordingFormat.class),
                recording.get("pause_behavior").choice(PauseBehavior.class),
                recording.get("fsync").choice(FsyncPolicy.class));
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
