package io.sotto.sip;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Refer-To value (RFC 3515 section 2.1) as Sotto uses it: the user to call, the host and port
 * the URI names (a configured peer's address sends the target there), and the Replaces header
 * embedded in the URI for an attended transfer (RFC 3891 section 6), unescaped (RFC 3261
 * section 19.1.1). Only SIP and SIPS URIs with a user part can be routed like a call.
 *
 * @param user     the user part of the target URI
 * @param host     the host part as written (an IPv6 reference without its brackets)
 * @param port     the port of the URI, or -1 when it names none
 * @param replaces the Replaces value, or null for a blind transfer
 */
record ReferTo(String user, String host, int port, String replaces) {
    /** RFC 3261 section 19.1.2: a SIP URI without a port means 5060. */
    static final int DEFAULT_PORT = 5060;
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

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
        String hostPort = uri.substring(at + 1, query >= 0 ? query : uri.length()).split(";", 2)[0];
        String host = hostPort;
        int port = -1;
        int portColon = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(hostPort.indexOf(']'), 0))
                : hostPort.indexOf(':');
        if (portColon >= 0) {
            host = hostPort.substring(0, portColon);
            try {
                port = Integer.parseInt(hostPort.substring(portColon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (user.isBlank() || host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ReferTo(unescape(user), host, port, replaces));
    }

    /**
     * The host as an IP address, when it is an IP literal; a name is never looked up (peers are
     * configured by address, and the call conductor does not wait on DNS).
     */
    Optional<InetAddress> address() {
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The port the URI names, 5060 when it names none. */
    int portOrDefault() {
        return port < 0 ? DEFAULT_PORT : port;
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
