package io.sotto.config;

import java.net.InetAddress;

/**
 * A party allowed to send calls.
 *
 * @param name    label used in logs
 * @param kind    trunk or pbx; decides the call's direction and where it goes
 * @param address {@code host:port}, {@code host} (any port) or a CIDR block, as configured
 * @param match   the parsed address
 */
public record PeerConfig(String name, PeerKind kind, String address, PeerAddress match) {
    public boolean matches(InetAddress source, int port) {
        return match.matches(source, port);
    }
}
