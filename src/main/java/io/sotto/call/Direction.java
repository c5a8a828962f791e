package io.sotto.call;

import java.util.Locale;

/**
 * Which way a call goes, decided by the kind of peer it came from and where it is going (README, "What
 * Sotto does with a call").
 */
public enum Direction {
    INBOUND, OUTBOUND, INTERNAL;

    /** The lower-case name used in config, metadata and the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
