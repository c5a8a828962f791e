package io.sotto.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static io.sotto.config.ConfigNode.quote;

/**
 * Binds {@code users}. A user's name defaults to the id and the role to {@code agent}, the least
 * privileged; control, visibility, play and download stay null so the policy and the access rules fall
 * back to the number's or company's setting (docs/configuration.md, "users").
 */
final class UserBinder {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9A-Fa-f]{64}");

    private final Map<String, String> pathById = new HashMap<>();
    private final Map<String, String> pathByExtension = new HashMap<>();
    private final Map<String, String> pathByToken = new HashMap<>();

    private UserBinder() {
    }

    static List<UserConfig> users(ConfigNode users) {
        UserBinder binder = new UserBinder();
        List<UserConfig> bound = new ArrayList<>();
        for (ConfigNode entry : users.list()) {
            bound.add(binder.user(entry));
        }
        return List.copyOf(bound);
    }

    private UserConfig user(ConfigNode entry) {
        entry.mapping("id", "name", "extension", "role", "groups", "control", "visibility", "play", "download",
                "token_sha256");
        String id = unique(entry.get("id"), pathById, "the id of");
        String name = entry.get("name").optionalString();
        ConfigNode extensionNode = entry.get("extension");
        String extension = extensionNode.isAbsent() ? null : unique(extensionNode, pathByExtension, "the extension of");
        Role role = entry.get("role").optionalChoice(Role.class);
        return new UserConfig(
                id,
                name != null ? name : id,
                extension,
                role != null ? role : Role.AGENT,
                groups(entry.get("groups")),
                entry.get("control").optionalChoice(ControlMode.class),
                entry.get("visibility").optionalChoice(Visibility.class),
                entry.get("play").optionalChoice(PlayRight.class),
                entry.get("download").optionalBool(),
                token(entry.get("token_sha256")));
    }

    private String token(ConfigNode token) {
        if (token.isAbsent()) {
            return null;
        }
        String text = token.string();
        if (!SHA256_HEX.matcher(text).matches()) {
            throw token.fail("expected the SHA-256 of the token as 64 hex digits, got " + text.length() + " characters");
        }
        String hex = text.toLowerCase(Locale.ROOT);
        // Two users with one token could not be told apart when a request presents it.
        String earlier = pathByToken.putIfAbsent(hex, parentPath(token));
        if (earlier != null) {
            throw token.fail("is the same as the token of " + earlier);
        }
        return hex;
    }

    private static List<String> groups(ConfigNode groups) {
        List<String> names = new ArrayList<>();
        for (ConfigNode group : groups.list()) {
            String name = group.string();
            if (names.contains(name)) {
                throw group.fail(quote(name) + " is listed twice");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static String unique(ConfigNode at, Map<String, String> seen, String what) {
        String value = at.string();
        String earlier = seen.putIfAbsent(value, parentPath(at));
        if (earlier != null) {
            throw at.fail(quote(value) + " is already " + what + " " + earlier);
        }
        return value;
    }

    private static String parentPath(ConfigNode at) {
        String path = at.path();
        return path.substring(0, path.lastIndexOf('.'));
    }
}
