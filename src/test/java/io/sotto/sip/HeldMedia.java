package io.sotto.sip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.sotto.fork.ForkWriter;
import io.sotto.media.MediaException;
import io.sotto.media.MediaOpener;
import io.sotto.media.MediaOpening;
import io.sotto.media.SocketlessSession;

/**
 * A media side whose sessions open only when the test says: each {@link #open} waits until
 * {@link #bindNext} or {@link #refuseNext} reports back through the asker's completion queue, as
 * the relay's event loop would. Meanwhile the test can send the call a CANCEL or a BYE.
 */
final class HeldMedia implements MediaOpener {
    /** The caller-facing RTP port of the first session; each next one is four ports up. */
    static final int FIRST_PORT = 40000;

    private record Asked(Executor completions, MediaOpening then) {
    }

    private final ForkWriter fork;
    private final ArrayDeque<Asked> waiting = new ArrayDeque<>();
    private final List<SocketlessSession> sessions = new ArrayList<>();

    HeldMedia(ForkWriter fork) {
        this.fork = fork;
    }

    @Override
    public void open(Executor completions, MediaOpening then) {
        waiting.add(new Asked(completions, then));
    }

    /** Openings asked for and not yet reported. */
    int waiting() {
        return waiting.size();
    }

    /** Reports the oldest opening bound; the asker learns of it on its next duty cycle. */
    SocketlessSession bindNext() {
        Asked asked = next();
        SocketlessSession session = new SocketlessSession(sessions.size(), FIRST_PORT + 4 * sessions.size(), fork);
        sessions.add(session);
        asked.completions().execute(() -> asked.then().opened(session.session()));
        return session;
    }

    /** Reports the oldest opening failed, with the relay's words. */
    void refuseNext(String reason) {
        Asked asked = next();
        asked.completions().execute(() -> asked.then().failed(new MediaException(reason)));
    }

    /** Every session handed out, in order. */
    List<SocketlessSession> sessions() {
        return List.copyOf(sessions);
    }

    private Asked next() {
        Asked asked = waiting.poll();
        if (asked == null) {
            throw new AssertionError("nobody asked for a media session");
        }
        return asked;
    }
}
