package io.sotto.config;

import java.util.List;
import java.util.Locale;

/** The encodings Sotto relays and records, by their canonical SDP {@code a=rtpmap} names (RFC 3551, RFC 4733). */
final class CodecNames {
    static final List<String> SUPPORTED = List.of("PCMU", "PCMA", "telephone-event");
    static final List<String> AUDIO = List.of("PCMU", "PCMA");

    private CodecNames() {
    }

    /** The canonical spelling of {@code name}, matched case-insensitively as SDP encoding names are; null if unsupported. */
    static String canonical(String name) {
        for (String supported : SUPPORTED) {
            if (supported.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return supported;
            }
        }
        return null;
    }
}
