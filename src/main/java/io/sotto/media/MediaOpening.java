package io.sotto.media;

/**
 * The completion of {@link MediaRelay#open}: told, on the executor given to it, whether the
 * session's ports are bound. Exactly one of the two methods is called, once.
 */
public interface MediaOpening {
    /** The session is bound and relaying; the receiver owns it and must close it. */
    void opened(MediaSession session);

    /** No session: no free port pair ("no free RTP ports in 20000-29999"), or the relay is closed. */
    void failed(MediaException cause);
}
