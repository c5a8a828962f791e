package io.sotto.config;

import java.net.InetAddress;

/**
 * A peer's address: a network (a single host is a /32 or /128) and an optional port.
 *
 * @param network      the network address
 * @param prefixLength significant bits of {@code network}
 * @param port         the port, or 0 for any
 */
public record PeerAddress(InetAddress network, int prefixLength, int port) {
    /** Where calls go on a single-host peer configured without a port (RFC 3261 section 19.1.2). */
    public static final int DEFAULT_SIP_PORT = 5060;

    public boolean matches(InetAddress source, int sourcePort) {
        if (port != 0 && port != sourcePort) {
            return false;
        }
        byte[] a = network.getAddress();
        byte[] b = source.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int bits = prefixLength;
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** True for a single host (where calls to this peer can be sent). */
    public boolean isHost() {
        return prefixLength == network.getAddress().length * 8;
    }

    /** The port calls to this single-host peer are sent to. */
    public int sendPort() {
        return port == 0 ? DEFAULT_SIP_PORT : port;
    }

    /** True when calls to this peer are sent to exactly {@code host:hostPort}. */
    public boolean isSentTo(InetAddress host, int hostPort) {
        return isHost() && network.equals(host) && sendPort() == hostPort;
    }
}
