package io.sotto.testkit;

/** SIP transport of a SIPp run; the scenarios are the same for both, only {@code -t} changes. */
public enum Transport {
    /** One UDP socket for all calls. */
    UDP("u1"),
    /** One TCP connection for all calls; SIPp binds its client socket to its own -p port. */
    TCP("t1");

    private final String sippMode;

    Transport(String sippMode) {
        this.sippMode = sippMode;
    }

    /** The value of SIPp's {@code -t} option. */
    public String sippMode() {
        return sippMode;
    }
}
