package io.sotto.call;

import io.sotto.config.DtmfConfig;
import io.sotto.control.Decision;
import io.sotto.control.RecordingState;
import io.sotto.media.ControlCodes;
import io.sotto.media.FeedbackTone;
import io.sotto.media.MediaSession;

/**
 * What Sotto does on the agents' phones (docs/feedback.md): keeps the control codes an agent keys
 * from the other party, and answers a keyed code, and a pause about to end, with a tone that only
 * that agent hears ({@code company.dtmf.feedback}). Runs on the conductor thread; every call to
 * media returns at once.
 */
final class AgentPhones {
    private final ControlCodes codes;
    private final boolean feedback;

    AgentPhones(DtmfConfig dtmf) {
        this.codes = ControlCodes.of(dtmf);
        this.feedback = dtmf.feedback();
    }

    /** The call's parties are known (answer, transfer): its agents' codes stop reaching the other leg. */
    void joined(Call call) {
        MediaSession media = call.media();
        if (media == null) {
            return;
        }
        for (int side = 0; side < 2; side++) {
            // a customer's keys always go through: an IVR behind Sotto may need them
            media.hideControlCodes(side, call.agentOf(side) != null ? codes : null);
        }
    }

    /** The agent on {@code side} keyed a code, and the policy decided: that agent hears the answer. */
    void keyed(Call call, int side, Decision decision) {
        FeedbackTone tone;
        if (decision instanceof Decision.Allowed) {
            tone = call.recordingState() == RecordingState.PAUSED ? FeedbackTone.PAUSED : FeedbackTone.RESUMED;
        } else {
            tone = FeedbackTone.REFUSED;
        }
        play(call, side, tone);
    }

    /** Every agent of the call hears {@code tone}; the customer does not. */
    void toAgents(Call call, FeedbackTone tone) {
        for (int side = 0; side < 2; side++) {
            if (call.agentOf(side) != null) {
                play(call, side, tone);
            }
        }
    }

    private void play(Call call, int side, FeedbackTone tone) {
        MediaSession media = call.media();
        if (feedback && media != null) {
            media.playTone(side, tone);
        }
    }
}
