package io.sotto.sip;

import java.util.Optional;

/**
 * The {@code Recording-Control} header of an INFO (README, "Pausing and resuming"): an action,
 * optionally with a quoted reason, e.g. {@code pause;reason="card number"}.
 *
 * @param action the action as written, lower-cased (the policy validates it)
 * @param reason the {@code reason} parameter without its quotes, or null
 */
record RecordingControlHeader(String action, String reason) {
    static final String NAME = "Recording-Control";

    /** Empty when the value has no action token. */
    static Optional<RecordingControlHeader> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int semicolon = value.indexOf(';');
        String action = (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase();
        if (action.isEmpty()) {
            return Optional.empty();
        }
        String reason = null;
        if (semicolon >= 0) {
            for (String parameter : value.substring(semicolon + 1).split(";")) {
                int equals = parameter.indexOf('=');
                if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("reason")) {
                    reason = unquote(parameter.substring(equals + 1).trim());
                }
            }
        }
        return Optional.of(new RecordingControlHeader(action, reason));
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\\\"", "\"");
        }
        return text;
    }
}
