package io.sotto.sip.sdp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The session id and version Sotto writes in the {@code o=} line of the SDP it sends on one leg. RFC 3264 §8
 * wants the same session id for the whole dialog and a version that grows by one exactly when the SDP
 * changes, so the caller keeps one origin per leg and calls {@link #next()} only when the SDP it produces
 * differs from the one it sent before.
 */
public record SdpOrigin(long sessionId, long version) {
    public SdpOrigin {
        if (sessionId < 0 || version < 0) {
            throw new IllegalArgumentException("o= session id and version are non-negative, got "
                    + sessionId + " " + version);
        }
    }

    /** A new session: random positive id so two calls never look like the same session, version 1. */
    public static SdpOrigin fresh() {
        return new SdpOrigin(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 1);
    }

    /** The same session, one version later. */
    public SdpOrigin next() {
        return new SdpOrigin(sessionId, Math.addExact(version, 1));
    }
}
