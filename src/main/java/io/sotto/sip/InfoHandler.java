package io.sotto.sip;

import java.util.Optional;

import javax.sip.RequestEvent;
import javax.sip.header.Header;
import javax.sip.message.Request;

import org.agrona.concurrent.NanoClock;

import io.sotto.call.Call;
import io.sotto.call.RecordingControl;
import io.sotto.control.Actor;
import io.sotto.control.Agent;
import io.sotto.control.Decision;
import io.sotto.control.RecordingAction;
import io.sotto.control.Trigger;

/**
 * An INFO with {@code Recording-Control} acts on the recording for this leg's agent and is
 * answered here, not relayed. A DTMF INFO feeds the leg's digit collector and goes on to the
 * other party like any INFO, unless its keys start or complete an agent's control code: then it
 * is answered here.
 */
final class InfoHandler {
    private final ServerTransactions answers;
    private final RecordingControl control;
    private final NanoClock nanoClock;
    private final DialogRelay relay;

    InfoHandler(ServerTransactions answers, RecordingControl control, NanoClock nanoClock, DialogRelay relay) {
        this.answers = answers;
        this.control = control;
        this.nanoClock = nanoClock;
        this.relay = relay;
    }

    void onInfo(RequestEvent event, SipLeg from) throws Exception {
        Request info = event.getRequest();
        Call call = from.call.call;
        int side = from.role == SipLeg.Role.CALLER ? 0 : 1;
        Header header = info.getHeader(RecordingControlHeader.NAME);
        if (header != null) {
            Optional<RecordingControlHeader> parsed = RecordingControlHeader.parse(LegMessages.valueOf(header));
            Optional<RecordingAction> action = parsed.flatMap(value -> RecordingAction.parse(value.action()));
            if (action.isEmpty()) {
                answers.respond(event, 400, "Unknown Recording-Control Action", from);
                return;
            }
            Agent agent = call.agentOf(side);
            Actor actor = agent == null ? Actor.customer() : Actor.leg(agent);
            Decision decision = control.act(call, action.get(), actor, Trigger.INFO, parsed.get().reason(),
                    nanoClock.nanoTime());
            if (decision instanceof Decision.Refused refused) {
                answers.respond(event, refused.status(), LegMessages.oneLine(refused.reason()), from);
            } else {
                answers.respond(event, 200, null, from);
            }
            return;
        }
        String digits = DtmfInfoBody.digitsOf(LegMessages.contentTypeOf(info), LegMessages.bodyOf(info));
        long now = nanoClock.nanoTime();
        boolean allOfACode = !digits.isEmpty();
        for (int i = 0; i < digits.length(); i++) {
            allOfACode &= control.digit(call, side, digits.charAt(i), Trigger.INFO, now);
        }
        if (allOfACode) {
            // an agent's control code, as its RFC 4733 events, never reaches the other party (docs/feedback.md)
            answers.respond(event, 200, null, from);
            return;
        }
        relay.relay(event, from);
    }
}
