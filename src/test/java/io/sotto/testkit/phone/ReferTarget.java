package io.sotto.testkit.phone;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Refer-To value taken apart (RFC 3515 section 2.1): the URI to call and the Replaces header
 * embedded in it for an attended transfer (RFC 3891 section 6), escaped as URI headers are
 * (RFC 3261 section 19.1.1).
 */
record ReferTarget(String uri, String replaces) {

    private static final String UNRESERVED = "-_.!~*'()";

    static ReferTarget parse(String referTo) {
        String value = referTo.trim();
        int open = value.indexOf('<');
        int close = value.indexOf('>');
        String uri = open >= 0 && close > open ? value.substring(open + 1, close) : value.split(";")[0];
        int query = uri.indexOf('?');
        if (query < 0) {
            return new ReferTarget(uri, null);
        }
        String replaces = null;
        for (String header : uri.substring(query + 1).split("&")) {
            int equals = header.indexOf('=');
            if (equals > 0 && header.substring(0, equals).equalsIgnoreCase("Replaces")) {
                replaces = unescape(header.substring(equals + 1));
            }
        }
        return new ReferTarget(uri.substring(0, query), replaces);
    }

    /** {@code <target?Replaces=...>} naming the dialog {@code callId;to-tag=..;from-tag=..}. */
    static String withReplaces(String target, String replaces) {
        return "<" + target + "?Replaces=" + escape(replaces) + ">";
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || UNRESERVED.indexOf(c) >= 0) {
                escaped.append(c);
            } else {
                escaped.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return escaped.toString();
    }

    static String unescape(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
