package io.sotto.sip.sdp;

import java.net.InetAddress;

/**
 * The address of a {@code c=} line (RFC 8866 §5.7): {@code IN IP4|IP6 <address>[/ttl][/count]}. Only IP
 * literals are accepted; resolving a name would be I/O.
 */
record Connection(String addressType, InetAddress address) {
    /** The connection, or null when the value is not {@code IN IP4|IP6 <literal of that family>}. */
    static Connection parse(String value) {
        String[] fields = SdpFields.of(value);
        if (fields.length != 3 || !"IN".equals(fields[0])) {
            return null;
        }
        String addressType = fields[1];
        String literal = fields[2];
        int slash = literal.indexOf('/');
        if (slash >= 0) {
            literal = literal.substring(0, slash);
        }
        boolean ip6 = IpLiteral.isIp6(literal);
        if (!("IP4".equals(addressType) && !ip6 || "IP6".equals(addressType) && ip6)) {
            return null;
        }
        InetAddress address = IpLiteral.parse(literal);
        return address == null ? null : new Connection(addressType, address);
    }

    /** 0.0.0.0 (RFC 3264 §8.4, hold as RFC 2543 did it) or its IPv6 counterpart {@code ::}. */
    boolean isHold() {
        return address.isAnyLocalAddress();
    }
}
