package io.sotto.config;

/**
 * @param listen    UDP and TCP listen address
 * @param advertise host written in Contact, Via and SDP instead of the listen host, or null
 */
public record SipConfig(HostPort listen, String advertise) {
    /** The host other parties should use to reach Sotto's signalling. */
    public String advertisedHost() {
        return advertise != null ? advertise : listen.host();
    }
}
