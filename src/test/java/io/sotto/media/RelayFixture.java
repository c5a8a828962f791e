package io.sotto.media;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * Opens a session and waits for it, as a test may: the relay reports on the executor given,
     * here the media thread itself, and the test thread polls the outcome with a deadline.
     */
    MediaSession open() throws MediaException {
        CompletableFuture<MediaSession> opened = new CompletableFuture<>();
        relay.open(Runnable::run, new MediaOpening() {
            @Override
            public void opened(MediaSession session) {
                opened.complete(session);
            }

            @Override
            public void failed(MediaException cause) {
                opened.completeExceptionally(cause);
            }
        });
        try {
            return opened.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (MediaException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the session was not opened within 5 s", e);
        }
    }

    /**
     * Waits until the session's event loop has run what the test's last calls queued to it (a
     * latch dropped by a new remote address), as a packet sent next would otherwise race it.
     */
    static void applied(MediaSession session) {
        session.loop().submit(() -> { }).syncUninterruptibly();
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
