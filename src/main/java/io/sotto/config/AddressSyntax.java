package io.sotto.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import static io.sotto.config.ConfigNode.quote;

/**
 * Parses the address forms a config holds: {@code host:port} ({@code [v6]:port} for IPv6), a bare host,
 * an IP literal, and a peer's {@code host:port | host | CIDR}. Hosts are IPv4 dotted quads, IPv6
 * literals or RFC 1123 host names.
 */
final class AddressSyntax {
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern OCTET = Pattern.compile("[0-9]{1,3}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PREFIX_LENGTH = Pattern.compile("[0-9]{1,3}");
    /** What an IPv6 literal may contain; checked first so that no malformed literal reaches a DNS lookup. */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    /** RFC 1123 section 2.1: letters, digits and hyphens, not starting or ending with a hyphen. */
    private static final Pattern HOST_NAME_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_HOST_NAME_LENGTH = 253;

    private AddressSyntax() {
    }

    /** {@code host:port} or {@code [v6]:port}; the host is kept as written, without brackets. */
    static HostPort hostPort(ConfigNode at) {
        String text = at.addressText();
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw at.fail(quote(text) + " is not [IPv6]:port");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            ipv6(at, text, host);
        } else {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw at.fail(quote(text) + " is not host:port (the port is missing)");
            }
            if (text.indexOf(':', colon + 1) >= 0) {
                throw at.fail(quote(text) + " is not host:port (write an IPv6 address in brackets: [::1]:5060)");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            checkHostNameOrIpv4(at, text, host);
        }
        return new HostPort(host, port(at, text, port));
    }

    /** A host without a port: IPv4, IPv6 (brackets optional, dropped) or a host name. */
    static String host(ConfigNode at) {
        String text = at.addressText();
        String host = unbracket(text);
        int colon = host.indexOf(':');
        if (colon >= 0 && host.indexOf(':', colon + 1) < 0) {
            throw at.fail(quote(text) + " is not a host: remove the port");
        }
        if (colon >= 0) {
            ipv6(at, text, host);
        } else if (isBracketed(text)) {
            throw at.fail(quote(text) + " is not a host (brackets are only for IPv6 addresses)");
        } else {
            checkHostNameOrIpv4(at, text, host);
        }
        return host;
    }

    /** An IPv4 or IPv6 address literal (brackets optional, dropped); no host names. */
    static String ipLiteral(ConfigNode at) {
        String text = at.addressText();
        String host = unbracket(text);
        if (host.indexOf(':') >= 0) {
            ipv6(at, text, host);
        } else if (isBracketed(text) || ipv4(host) == null) {
            throw at.fail(quote(text) + " is not an IP address");
        }
        return host;
    }

    /**
     * A peer's address: {@code host:port} (that address and port), {@code host} (any port) or a CIDR block.
     * A host name is resolved here, once, to its first address.
     */
    static PeerAddress peerAddress(ConfigNode at) {
        String text = at.addressText();
        int slash = text.lastIndexOf('/');
        if (slash >= 0) {
            return cidr(at, text, text.substring(0, slash), text.substring(slash + 1));
        }
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw at.fail(quote(text) + " is not [IPv6] or [IPv6]:port");
            }
            InetAddress address = ipv6(at, text, text.substring(1, close));
            String rest = text.substring(close + 1);
            if (rest.isEmpty()) {
                return new PeerAddress(address, 128, 0);
            }
            if (!rest.startsWith(":")) {
                throw at.fail(quote(text) + " is not [IPv6] or [IPv6]:port");
            }
            return new PeerAddress(address, 128, port(at, text, rest.substring(1)));
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
            return new PeerAddress(ipv6(at, text, text), 128, 0);
        }
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = colon < 0 ? 0 : port(at, text, text.substring(colon + 1));
        InetAddress address = resolve(at, text, host);
        return new PeerAddress(address, address.getAddress().length * 8, port);
    }

    private static PeerAddress cidr(ConfigNode at, String text, String network, String prefix) {
        InetAddress address;
        if (network.indexOf(':') >= 0) {
            address = ipv6(at, text, network);
        } else {
            byte[] octets = ipv4(network);
            if (octets == null) {
                throw at.fail(quote(text) + " is not a CIDR block: " + quote(network) + " is not an IP address");
            }
            address = byAddress(octets);
        }
        int maxBits = address.getAddress().length * 8;
        if (!PREFIX_LENGTH.matcher(prefix).matches() || Integer.parseInt(prefix) > maxBits) {
            throw at.fail(quote(text) + " is not a CIDR block: the prefix length must be 0-" + maxBits);
        }
        return new PeerAddress(address, Integer.parseInt(prefix), 0);
    }

    private static InetAddress resolve(ConfigNode at, String text, String host) {
        byte[] octets = ipv4(host);
        if (octets != null) {
            return byAddress(octets);
        }
        checkHostNameOrIpv4(at, text, host);
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw at.fail("cannot resolve host " + quote(host));
        }
    }

    private static void checkHostNameOrIpv4(ConfigNode at, String text, String host) {
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            if (ipv4(host) == null) {
                throw at.fail(quote(text) + ": " + quote(host) + " is not an IPv4 address");
            }
            return;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > MAX_HOST_NAME_LENGTH) {
            throw at.fail(quote(text) + ": " + quote(host) + " is not a host name");
        }
        for (String label : name.split("\\.", -1)) {
            if (!HOST_NAME_LABEL.matcher(label).matches()) {
                throw at.fail(quote(text) + ": " + quote(host) + " is not a host name (RFC 1123: letters, digits, hyphens)");
            }
        }
    }

    private static InetAddress ipv6(ConfigNode at, String text, String literal) {
        if (IPV6_CHARS.matcher(literal).matches() && literal.indexOf(':') >= 0) {
            try {
                InetAddress address = InetAddress.getByName(literal);
                if (address instanceof Inet6Address) {
                    return address;
                }
            } catch (UnknownHostException e) {
                // not a valid literal: reported below
            }
        }
        throw at.fail(quote(text) + ": " + quote(literal) + " is not an IPv6 address");
    }

    /** Strict dotted quad: four decimal octets 0-255 (no short forms such as {@code 127.1}). */
    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (!OCTET.matcher(part).matches()) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            octets[i] = (byte) value;
        }
        return octets;
    }

    private static int port(ConfigNode at, String text, String port) {
        if (!PORT.matcher(port).matches()) {
            throw at.fail(quote(text) + ": " + quote(port) + " is not a port number");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw at.fail(quote(text) + ": port " + value + " is outside 1-65535");
        }
        return value;
    }

    private static boolean isBracketed(String text) {
        return text.length() >= 2 && text.startsWith("[") && text.endsWith("]");
    }

    private static String unbracket(String text) {
        return isBracketed(text) ? text.substring(1, text.length() - 1) : text;
    }

    private static InetAddress byAddress(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always a valid IPv4 address", e);
        }
    }
}
