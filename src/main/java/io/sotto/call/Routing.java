package io.sotto.call;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import io.sotto.config.PeerConfig;
import io.sotto.config.PeerKind;
import io.sotto.config.SottoConfig;
import io.sotto.config.UserConfig;

/**
 * Peers and routing (README, "What Sotto does with a call"): only configured peers may send requests;
 * a call from a trunk is inbound and goes to the PBX; a call from the PBX to a known extension is
 * internal and goes back to the PBX; anything else from the PBX is outbound and goes to the trunk.
 */
public final class Routing {
    private final List<PeerConfig> peers;

    public Routing(SottoConfig config) {
        this.peers = config.peers();
    }

    /** The peer a request came from, if any. */
    public Optional<PeerConfig> peerOf(InetAddress source, int port) {
        for (PeerConfig peer : peers) {
            if (peer.matches(source, port)) {
                return Optional.of(peer);
            }
        }
        return Optional.empty();
    }

    /**
     * The peer that calls are sent to at exactly {@code host:port}, if any: a transfer target
     * named by address goes there, and to no address that is not a peer's (no open relay).
     */
    public Optional<PeerConfig> peerSentTo(InetAddress host, int port) {
        for (PeerConfig peer : peers) {
            if (peer.match().isSentTo(host, port)) {
                return Optional.of(peer);
            }
        }
        return Optional.empty();
    }

    /**
     * The route of a new call from {@code source} to {@code calledUser}, an extension being one of
     * {@code users}; empty when no peer of the needed kind has a single address calls can be sent to.
     */
    public Optional<Route> route(PeerConfig source, String calledUser, List<UserConfig> users) {
        Direction direction;
        PeerKind targetKind;
        if (source.kind() == PeerKind.TRUNK) {
            direction = Direction.INBOUND;
            targetKind = PeerKind.PBX;
        } else if (isExtension(calledUser, users)) {
            direction = Direction.INTERNAL;
            targetKind = PeerKind.PBX;
        } else {
            direction = Direction.OUTBOUND;
            targetKind = PeerKind.TRUNK;
        }
        for (PeerConfig peer : peers) {
            if (peer.kind() == targetKind && peer.match().isHost()) {
                return Optional.of(new Route(direction, source, peer));
            }
        }
        return Optional.empty();
    }

    private static boolean isExtension(String user, List<UserConfig> users) {
        return user != null && users.stream().anyMatch(u -> user.equals(u.extension()));
    }
}
