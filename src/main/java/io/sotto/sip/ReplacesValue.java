package io.sotto.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * The value of a Replaces header (RFC 3891 section 6.1): the dialog to replace, named by its
 * Call-ID and its two tags; {@code early-only} and other parameters are ignored, since Sotto
 * replaces only confirmed dialogs.
 */
record ReplacesValue(String callId, String toTag, String fromTag) {

    /** Empty unless the value has a Call-ID, a to-tag and a from-tag. */
    static Optional<ReplacesValue> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.trim().split(";");
        String callId = parts[0].trim();
        String toTag = null;
        String fromTag = null;
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            String name = pair[0].trim().toLowerCase(Locale.ROOT);
            String tag = pair.length == 2 ? pair[1].trim() : "";
            if (name.equals("to-tag")) {
                toTag = tag;
            } else if (name.equals("from-tag")) {
                fromTag = tag;
            }
        }
        if (callId.isEmpty() || toTag == null || toTag.isEmpty() || fromTag == null || fromTag.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReplacesValue(callId, toTag, fromTag));
    }

    /**
     * Whether this names the dialog with these tags. The sender names it as it sees it; which
     * tag is "to" depends on who sent the dialog's INVITE, so both orders match (RFC 3891 §3).
     */
    boolean names(String localTag, String remoteTag) {
        return toTag.equals(localTag) && fromTag.equals(remoteTag)
                || toTag.equals(remoteTag) && fromTag.equals(localTag);
    }
}
