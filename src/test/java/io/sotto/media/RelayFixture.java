package io.sotto.media;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import io.sotto.config.MediaConfig;
import io.sotto.config.PortRange;
import io.sotto.fork.ForkWriter;

/** A real relay on 127.0.0.1 with a real fork ring, closed with everything it opened. */
final class RelayFixture implements AutoCloseable {
    final ManyToOneRingBuffer ring = ForkWriter.newRing(1 << 16);
    final ForkWriter fork = new ForkWriter(ring);
    final MediaRelay relay;
    private final List<AutoCloseable> opened = new ArrayList<>();

    RelayFixture(int firstPort, int lastPort) {
        this(firstPort, lastPort, MediaTransport.preferred());
    }

    RelayFixture(int firstPort, int lastPort, MediaTransport transport) {
        relay = new MediaRelay(config(firstPort, lastPort), fork, transport);
    }

    static MediaConfig config(int firstPort, int lastPort) {
        return new MediaConfig(UdpPeer.SOTTO_IP, new PortRange(firstPort, lastPort),
                List.of("PCMU", "PCMA", "telephone-event"));
    }

    MediaSession open() throws MediaException {
        return relay.open();
    }

    UdpPeer peer(String ip) {
        UdpPeer peer = new UdpPeer(ip);
        opened.add(peer);
        return peer;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        relay.close();
    }
}
