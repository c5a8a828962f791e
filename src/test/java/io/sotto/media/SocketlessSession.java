package io.sotto.media;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;

import io.sotto.fork.ForkWriter;

/**
 * A real {@link MediaSession} whose four channels are Netty's in-memory {@link EmbeddedChannel}s:
 * no port is bound and no thread runs, so the call thread's tests (outside this package) can be
 * handed sessions by a fake {@link MediaOpener} and see what the call thread did with them.
 */
public final class SocketlessSession {
    private final MediaSession session;
    private boolean closed;

    /** A session that puts {@code callerFacingPort} in the SDP towards the caller, the port after next towards the callee. */
    public SocketlessSession(long id, int callerFacingPort, ForkWriter fork) {
        EmbeddedChannel first = new EmbeddedChannel();
        session = new MediaSession(new SessionOwner() {
            @Override
            public void sessionClosed(MediaSession closing) {
                closed = true;
            }

            @Override
            public void retire(MediaSession retired) {
            }
        }, id, first.eventLoop(), fork);
        Channel[] channels = {first, new EmbeddedChannel(), new EmbeddedChannel(), new EmbeddedChannel()};
        session.bound(new BoundPair(callerFacingPort, channels[0], channels[1]),
                new BoundPair(callerFacingPort + 2, channels[2], channels[3]));
    }

    public MediaSession session() {
        return session;
    }

    /** Whether the call thread has let go of the session ({@link MediaSession#close()}). */
    public boolean closed() {
        return closed;
    }
}
