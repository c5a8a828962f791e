package io.sotto.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the next page of a newest-first listing starts: after the recording with this start time
 * and id. Sent to clients as opaque base64url text; a cursor stays valid while recordings are added.
 */
public record PageCursor(long startedAtMs, String recordingId) {
    private static final Pattern TEXT = Pattern.compile("(-?[0-9]{1,19}):([A-Za-z0-9_-]{1,64})");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((startedAtMs + ":" + recordingId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor {@code text} encodes, or empty if it is none of ours. */
    public static Optional<PageCursor> decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        var match = TEXT.matcher(new String(bytes, StandardCharsets.US_ASCII));
        if (!match.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PageCursor(Long.parseLong(match.group(1)), match.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
