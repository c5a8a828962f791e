package io.sotto.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sotto.config.ConfigNode.quote;

/** Binds {@code peers}: the only parties calls are taken from (no open relay). */
final class PeerBinder {
    private PeerBinder() {
    }

    static List<PeerConfig> peers(ConfigNode peers) {
        List<ConfigNode> entries = peers.list();
        if (entries.isEmpty()) {
            throw peers.fail("at least one peer is required (calls are taken only from peers)");
        }
        List<PeerConfig> bound = new ArrayList<>(entries.size());
        Map<String, String> pathByName = new HashMap<>();
        for (ConfigNode entry : entries) {
            entry.mapping("name", "kind", "address");
            ConfigNode nameNode = entry.get("name");
            String name = nameNode.string();
            String earlier = pathByName.putIfAbsent(name, entry.path());
            if (earlier != null) {
                throw nameNode.fail(quote(name) + " is already the name of " + earlier);
            }
            PeerKind kind = entry.get("kind").choice(PeerKind.class);
            ConfigNode address = entry.get("address");
            PeerAddress match = AddressSyntax.peerAddress(address);
            bound.add(new PeerConfig(name, kind, address.addressText(), match));
        }
        return List.copyOf(bound);
    }
}
