package io.sotto.call;

import io.sotto.config.Settings;
import io.sotto.control.Decision;
import io.sotto.control.RecordingState;
import io.sotto.media.ControlCodes;
import io.sotto.media.FeedbackTone;
import io.sotto.media.MediaSession;

/**
 * What Sotto does on the agents' phones (docs/feedback.md): keeps the control codes an agent keys
 * from the other party, and answers a keyed code, and a pause about to end, with a tone that only
 * that agent hears ({@code company.dtmf.feedback}), each under the settings its call started with.
 * Runs on the conductor thread; every call to media returns at once.
 */
final class AgentPhones {
    /** Settings change rarely: the codes of the last snapshot serve every call until the next. */
    private Settings codesOf;
    private ControlCodes codes;

    /** The call's parties are known (answer, transfer): its agents' codes stop reaching the other leg. */
    void joined(Call call) {
        MediaSession media = call.media();
        if (media == null) {
            return;
        }
        ControlCodes agentCodes = codes(call.settings());
        for (int side = 0; side < 2; side++) {
            // a customer's keys always go through: an IVR behind Sotto may need them
            media.hideControlCodes(side, call.agentOf(side) != null ? agentCodes : null);
        }
    }

    private ControlCodes codes(Settings settings) {
        if (settings != codesOf) {
            codes = ControlCodes.of(settings.company().dtmf());
            codesOf = settings;
        }
        return codes;
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
        if (media != null && call.settings().company().dtmf().feedback()) {
            media.playTone(side, tone);
        }
    }
}
