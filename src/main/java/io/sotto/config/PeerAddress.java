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
}
