package io.sotto.sip;

import java.util.ArrayList;
import java.util.List;

import javax.sip.message.Message;

import io.sotto.call.Agents;
import io.sotto.call.Direction;
import io.sotto.config.PeerKind;
import io.sotto.control.Agent;
import io.sotto.control.CallParties;

/**
 * Who the agent of a leg is (README, "Pausing and resuming"), read from the leg's own messages: on
 * a leg whose INVITE reached Sotto, the P-Asserted-Identity user then the From user; on a leg Sotto
 * called, the P-Asserted-Identity user then the Contact and To users of its answer; users as the
 * call's settings list them.
 */
final class LegAgents {
    private LegAgents() {
    }

    /**
     * The agents of a call's two legs, for {@code direction}: the caller's leg holds one on
     * outbound and internal calls, the callee's on inbound and internal ones. An extension no
     * user has still makes an agent, with company defaults.
     *
     * @return {caller-side agent, callee-side agent}, either null for a customer's leg
     */
    static Agent[] of(Direction direction, SipLeg caller, SipLeg callee) {
        Agents agents = new Agents(caller.call.call.settings().users());
        Agent callerAgent = direction == Direction.INBOUND ? null : agentOf(agents, caller);
        Agent calleeAgent = direction == Direction.OUTBOUND ? null : agentOf(agents, callee);
        return new Agent[] {callerAgent, calleeAgent};
    }

    static CallParties parties(Direction direction, String number, Agent callerAgent, Agent calleeAgent) {
        List<Agent> both = new ArrayList<>(2);
        if (callerAgent != null) {
            both.add(callerAgent);
        }
        if (calleeAgent != null) {
            both.add(calleeAgent);
        }
        return new CallParties(direction.label(), number, both);
    }

    /**
     * The direction of a call between these two legs' peers, as README "What Sotto does with a call"
     * gives it for a new call: from a trunk it is inbound, from a PBX to a trunk outbound, between PBX
     * legs internal.
     */
    static Direction direction(SipLeg caller, SipLeg callee) {
        if (caller.peer.kind() == PeerKind.TRUNK) {
            return Direction.INBOUND;
        }
        return callee.peer.kind() == PeerKind.TRUNK ? Direction.OUTBOUND : Direction.INTERNAL;
    }

    private static Agent agentOf(Agents agents, SipLeg leg) {
        if (leg.answer != null) {
            Message answer = leg.answer;
            return agents.agentOf(LegMessages.assertedUser(answer), LegMessages.userOf(answer, "Contact"),
                    LegMessages.userOf(answer, "To"));
        }
        Message invite = leg.initialRequest;
        return agents.agentOf(LegMessages.assertedUser(invite), LegMessages.userOf(invite, "From"));
    }
}
