package io.sotto.media;

import java.util.concurrent.Executor;

/**
 * What the call thread asks of the media side: a new session, reported back on its own queue.
 * {@link MediaRelay} binds real ports; the SIP side's tests hold the completion back so that a
 * CANCEL or a BYE can arrive while a session is still being opened.
 */
public interface MediaOpener {
    /**
     * Opens a session and returns at once; {@code then} hears the outcome, exactly once, through
     * {@code completions}.
     */
    void open(Executor completions, MediaOpening then);
}
