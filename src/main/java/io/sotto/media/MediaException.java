package io.sotto.media;

/**
 * A session could not be set up: no free port pair, or the relay is closed. The call cannot be
 * anchored and should be refused (e.g. SIP 503).
 */
public final class MediaException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
