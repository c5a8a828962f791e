package io.sotto.sip.sdp;

import java.util.regex.Pattern;

/**
 * The fields of an SDP value: RFC 8866 separates them by one space; some senders put more, which
 * count as one. The pattern is compiled once: {@code String.split(" +")} compiles it on every call,
 * which at a few hundred call setups a second showed in the call thread's profile.
 */
final class SdpFields {
    private static final Pattern SPACES = Pattern.compile(" +");

    private SdpFields() {
    }

    /** {@code value}'s fields, outer white space ignored. */
    static String[] of(String value) {
        return SPACES.split(value.strip());
    }
}
