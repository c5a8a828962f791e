package io.sotto.sip;

import javax.sip.message.Request;

import io.sotto.call.Agents;
import io.sotto.call.Direction;
import io.sotto.control.Agent;
import io.sotto.control.CallParties;
import io.sotto.sip.siprec.RecordingPlan;
import io.sotto.sip.siprec.RsMetadata;

/**
 * Who is on a call a SIPREC recording client records (docs/siprec.md): the parties are the
 * participants on the left and right channel, an agent is a participant whose AoR user is a
 * configured extension, and the direction follows from which party is an agent: both internal,
 * the calling one outbound, else inbound.
 */
final class SiprecParties {
    private final Agents agents;

    SiprecParties(Agents agents) {
        this.agents = agents;
    }

    /** Who is on the recorded call, from the metadata's participants (docs/siprec.md). */
    Parties of(RecordingPlan plan, Request invite) {
        Agent callerAgent = agentOf(plan.caller());
        Agent calleeAgent = agentOf(plan.callee());
        Direction direction = callerAgent != null && calleeAgent != null ? Direction.INTERNAL
                : callerAgent != null ? Direction.OUTBOUND : Direction.INBOUND;
        String caller = userOf(plan.caller(), LegMessages.userOf(invite, "From"));
        String callee = userOf(plan.callee(), LegMessages.userOf(invite.getRequestURI()));
        String number = switch (direction) {
            case INBOUND -> callee;
            case OUTBOUND -> caller;
            case INTERNAL -> null;
        };
        CallParties callParties = LegAgents.parties(direction, number, callerAgent, calleeAgent);
        return new Parties(direction, caller, callee, number, callerAgent, calleeAgent, callParties);
    }

    private Agent agentOf(RsMetadata.Participant participant) {
        if (participant == null || participant.user() == null) {
            return null;
        }
        return agents.identify(participant.user()).map(user -> new Agent(user.extension(), user)).orElse(null);
    }

    private static String userOf(RsMetadata.Participant participant, String fallback) {
        if (participant == null) {
            return fallback;
        }
        return participant.user() != null ? participant.user() : participant.name() != null ? participant.name()
                : fallback;
    }

    /** The parties of a recorded call as the call model and the recording policy take them. */
    record Parties(Direction direction, String caller, String callee, String number, Agent callerAgent,
                   Agent calleeAgent, CallParties callParties) {
    }
}
