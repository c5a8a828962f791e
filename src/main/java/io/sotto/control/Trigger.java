package io.sotto.control;

import java.util.Locale;

/** How a change of recording state came about: the {@code how} of an event (README, "Recordings on disk"). */
public enum Trigger {
    /** A DTMF control code keyed on a leg and carried in its RTP (RFC 4733 telephone-events). */
    DTMF,
    /** A SIP INFO: a {@code Recording-Control} header, or a control code keyed as INFO dtmf-relay / dtmf. */
    INFO,
    /** A REST call. */
    API,
    /** The recording policy, e.g. a call that starts recorded. */
    POLICY,
    /** The call was transferred (REFER, or INVITE with Replaces). */
    TRANSFER,
    /** The call hung up. */
    HANGUP,
    /**
     * A SIPREC recording client paused or resumed its recording session: a re-INVITE or UPDATE whose
     * streams are all {@code a=inactive}, and back (RFC 7866 §8.1.2).
     */
    SIPREC;

    private final String label = name().toLowerCase(Locale.ROOT);

    /**
     * The name in events and metadata: {@code dtmf}, {@code info}, {@code api}, {@code policy},
     * {@code transfer}, {@code hangup}, {@code siprec}.
     */
    public String label() {
        return label;
    }
}
