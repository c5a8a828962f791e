package io.sotto.config;

/**
 * @param listen             UDP and TCP listen address
 * @param advertise          host written in Contact, Via and SDP instead of the listen host, or null
 * @param ringTimeoutSeconds how long a called party may ring (18x, no final answer) before it is
 *                           cancelled and the caller answered 408
 * @param dialogProbeSeconds how often both parties of an answered call are asked (OPTIONS in the
 *                           dialog) whether they still hold it; 0 never
 */
public record SipConfig(HostPort listen, String advertise, int ringTimeoutSeconds, int dialogProbeSeconds) {
    public static final int MIN_RING_TIMEOUT_SECONDS = 1;
    public static final int MAX_RING_TIMEOUT_SECONDS = 3600;
    public static final int MAX_DIALOG_PROBE_SECONDS = 86_400;

    /** The host other parties should use to reach Sotto's signalling. */
    public String advertisedHost() {
        return advertise != null ? advertise : listen.host();
    }
}
