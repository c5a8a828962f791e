package io.sotto.control;

import java.util.Locale;

/**
 * The states of a call's recording (README, "Pausing and resuming"):
 * {@code off → recording ⇄ paused}, {@code recording|paused → stopped → recording}, and
 * {@code ended} (hang-up or transfer; final).
 */
public enum RecordingState {
    /** Not recording yet: the call started unrecorded. */
    OFF,
    /** Audio of both parties goes to the file. */
    RECORDING,
    /** Paused (PCI): no audio reaches disk until resumed. */
    PAUSED,
    /** Stopped by an {@code on_demand_full} agent (or an admin); may be started again. */
    STOPPED,
    /** The call hung up or was transferred; the recording is closed. Final. */
    ENDED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /**
     * The name in events, metadata and the REST API: {@code off}, {@code recording}, {@code paused},
     * {@code stopped}, {@code ended}.
     */
    public String label() {
        return label;
    }
}
