package io.sotto.config;

/**
 * @param listen             UDP and TCP listen address
 * @param advertise          host written in Contact, Via and SDP instead of the listen host, or null
 * @param ringTimeoutSeconds how long a called party may ring (18x, no final answer) before it is
 *                           cancelled and the caller answered 408
 */
public record SipConfig(HostPort listen, String advertise, int ringTimeoutSeconds) {
    public static final int MIN_RING_TIMEOUT_SECONDS = 1;
    public static final int MAX_RING_TIMEOUT_SECONDS = 3600;

    /** The host other parties should use to reach Sotto's signalling. */
    public String advertisedHost() {
        return advertise != null ? advertise : listen.host();
    }
}
