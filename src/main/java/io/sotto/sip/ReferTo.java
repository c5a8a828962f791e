package io.sotto.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A Refer-To value (RFC 3515 section 2.1) as Sotto uses it: the user to call, and the Replaces
 * header embedded in the URI for an attended transfer (RFC 3891 section 6), unescaped (RFC 3261
 * section 19.1.1). Only SIP and SIPS URIs with a user part can be routed like a call.
 *
 * @param user     the user part of the target URI
 * @param replaces the Replaces value, or null for a blind transfer
 */
record ReferTo(String user, String replaces) {

    static Optional<ReferTo> parse(String value) {
        String text = value.trim();
        int open = text.indexOf('<');
        int close = text.lastIndexOf('>');
        String uri = open >= 0 && close > open ? text.substring(open + 1, close) : text.split(";", 2)[0];
        String lower = uri.toLowerCase(Locale.ROOT);
        int schemeEnd = lower.startsWith("sip:") ? 4 : lower.startsWith("sips:") ? 5 : -1;
        int at = uri.indexOf('@');
        if (schemeEnd < 0 || at <= schemeEnd) {
            return Optional.empty();
        }
        String user = uri.substring(schemeEnd, at).split(";", 2)[0];
        String replaces = null;
        int query = uri.indexOf('?', at);
        if (query >= 0) {
            for (String header : uri.substring(query + 1).split("&")) {
                int equals = header.indexOf('=');
                if (equals > 0 && header.substring(0, equals).trim().equalsIgnoreCase("Replaces")) {
                    replaces = unescape(header.substring(equals + 1));
                }
            }
        }
        return user.isBlank() ? Optional.empty() : Optional.of(new ReferTo(unescape(user), replaces));
    }

    private static String unescape(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
