package io.sotto.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web console's files, read from the jar ({@code io/sotto/api/console/}) once at start and
 * held in memory, so serving one never touches the disk from an event loop. Only the names listed
 * here exist: a request for any other name, {@code ..} or an encoded path included, finds nothing,
 * without a path ever being built from what the client sent.
 */
final class ConsoleAssets {
    static final String INDEX = "index.html";
    private static final String FOLDER = "console/";
    private static final List<String> NAMES = List.of(INDEX, "console.css", "favicon.svg",
            "app.js", "api.js", "events.js", "calls.js", "banner.js", "shortcuts.js", "recordings.js", "dom.js",
            "settings.html", "settings.js", "settings.css");

    /** One file: its bytes and the media type it is served as. */
    record Asset(String name, String contentType, byte[] body) {
    }

    private final Map<String, Asset> assets;

    private ConsoleAssets(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** @throws IllegalStateException if a listed file is missing from the jar */
    static ConsoleAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String name : NAMES) {
            try (InputStream in = ConsoleAssets.class.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException("the web console file " + name + " is missing from the jar");
                }
                assets.put(name, new Asset(name, contentTypeOf(name), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the web console file " + name, e);
            }
        }
        return new ConsoleAssets(assets);
    }

    Optional<Asset> find(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    private static String contentTypeOf(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            // RFC 9239: text/javascript; module scripts are refused under any non-JavaScript type
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalStateException("no media type for the web console file " + name);
        };
    }
}
