package io.sotto.sip.sdp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns IP address literals into {@link InetAddress} without ever asking DNS: SDP handling is pure and runs
 * on the call thread, and a host name in SDP would be a lookup an attacker chooses.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /** The address, or null if {@code text} is not an IPv4 or IPv6 literal. */
    static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.indexOf(':') >= 0 ? parseIp6(text) : parseIp4(text);
    }

    static boolean isIp6(String literal) {
        return literal.indexOf(':') >= 0;
    }

    private static InetAddress parseIp4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !isDigits(part)) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return byAddress(bytes);
    }

    private static InetAddress parseIp6(String text) {
        // InetAddress.getByName treats a string that starts with a hex digit or ':' and contains ':' as an
        // IPv6 literal and fails without a lookup when it is not one; the checks here make sure of that shape.
        char first = text.charAt(0);
        if (first != ':' && Character.digit(first, 16) < 0) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always a valid IPv4 address", e);
        }
    }
}
