package io.sotto.control;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sotto.config.CompanyConfig;
import io.sotto.config.ControlMode;
import io.sotto.config.NumberConfig;
import io.sotto.config.Role;
import io.sotto.config.Settings;
import io.sotto.config.TransferMode;
import io.sotto.config.UserConfig;

/**
 * Who may do what with a call's recording, resolved most specific first (README, "Pausing and
 * resuming").
 *
 * <p><b>Starts recorded?</b> The number's {@code record} (a call-flow recording step) if set;
 * else the agents' modes (below): {@code always} says yes, {@code on_demand} and
 * {@code on_demand_full} say no — when the two agents of an internal call disagree,
 * {@code always} wins (a compliance rule outranks a preference); else ({@code pause_resume})
 * the company's {@code record} for the call's direction.
 *
 * <p><b>Mode</b> of an agent: the user's {@code control}, else the number's, else the company's.
 *
 * <table>
 * <caption>What a mode lets an agent do</caption>
 * <tr><th>mode</th><th>may</th></tr>
 * <tr><td>always</td><td>nothing</td></tr>
 * <tr><td>pause_resume</td><td>pause, resume (a resume, or start, of a call not recorded yet starts it)</td></tr>
 * <tr><td>on_demand</td><td>start, then pause and resume; never stop</td></tr>
 * <tr><td>on_demand_full</td><td>start, pause, resume, stop</td></tr>
 * </table>
 *
 * <p><b>Actions</b> mean, by state: {@code toggle} is pause when recording, resume when paused,
 * start when off or stopped; {@code resume} of a call that is off or stopped is a start. Then
 * start: off|stopped → recording; pause: recording → paused; resume: paused → recording; stop:
 * recording|paused → stopped. Permission is checked before state: a forbidden action is 403
 * whatever the state; an allowed one in the wrong state (pause while paused) is 409.
 *
 * <p><b>Actors</b>: the policy itself may do anything the state allows. The customer's leg may
 * do nothing. An agent (by DTMF, INFO or REST) acts under their mode; on an internal call both
 * agents' modes must allow it, and the refusal names the one who lacks it. Admins and
 * supervisors may do everything (the REST edge checks first that a supervisor can see the
 * call); analysts may do nothing.
 */
public final class RecordingPolicy {
    private final CompanyConfig company;
    private final Settings settings;

    public RecordingPolicy(CompanyConfig company, List<NumberConfig> numbers) {
        this(new Settings(company, numbers, List.of()));
    }

    public RecordingPolicy(Settings settings) {
        this.company = settings.company();
        this.settings = settings;
    }

    /**
     * The policy of a settings snapshot, made once per snapshot (it holds no copy, so making one
     * for a call still under earlier settings costs next to nothing). One thread only (the conductor's).
     */
    public static final class Factory {
        private Settings last;
        private RecordingPolicy policy;

        public RecordingPolicy of(Settings settings) {
            if (settings != last) {
                policy = new RecordingPolicy(settings);
                last = settings;
            }
            return policy;
        }
    }

    /** What a transfer does to the recording: end it and start afresh ({@code stop}), or keep it. */
    public TransferMode transferMode() {
        return company.transfer() == null ? TransferMode.STOP : company.transfer();
    }

    /** Whether the call is recorded from its answer on. */
    public boolean startsRecorded(CallParties parties) {
        NumberConfig rule = number(parties.number());
        if (rule != null && rule.record() != null) {
            return rule.record();
        }
        List<ControlMode> modes = parties.agents().isEmpty()
                ? List.of(rule != null && rule.control() != null ? rule.control() : company.control())
                : parties.agents().stream().map(agent -> modeOf(agent, parties.number())).toList();
        if (modes.contains(ControlMode.ALWAYS)) {
            return true;
        }
        if (modes.contains(ControlMode.ON_DEMAND) || modes.contains(ControlMode.ON_DEMAND_FULL)) {
            return false;
        }
        return switch (parties.direction()) {
            case "inbound" -> company.record().inbound();
            case "outbound" -> company.record().outbound();
            default -> company.record().internal();
        };
    }

    /** The agent's control mode on a call of {@code number}: user, else number, else company. */
    public ControlMode modeOf(Agent agent, String number) {
        if (agent.user() != null && agent.user().control() != null) {
            return agent.user().control();
        }
        NumberConfig rule = number(number);
        if (rule != null && rule.control() != null) {
            return rule.control();
        }
        return company.control();
    }

    /** Whether {@code actor} may take {@code action} on a recording in state {@code current}. */
    public Decision decide(CallParties parties, RecordingState current, RecordingAction action, Actor actor) {
        if (current == RecordingState.ENDED) {
            return conflict("the recording has ended");
        }
        RecordingAction effective = effective(action, current);
        Decision.Refused refusal = permission(parties, effective, actor);
        if (refusal != null) {
            return refusal;
        }
        return switch (effective) {
            case START -> current == RecordingState.OFF || current == RecordingState.STOPPED
                    ? new Decision.Allowed(RecordingState.RECORDING, effective)
                    : conflict("the recording is " + current.label() + " already");
            case PAUSE -> current == RecordingState.RECORDING
                    ? new Decision.Allowed(RecordingState.PAUSED, effective)
                    : conflict("cannot pause: the recording is " + current.label());
            case RESUME -> current == RecordingState.PAUSED
                    ? new Decision.Allowed(RecordingState.RECORDING, effective)
                    : conflict("cannot resume: the recording is " + current.label());
            case STOP -> current == RecordingState.RECORDING || current == RecordingState.PAUSED
                    ? new Decision.Allowed(RecordingState.STOPPED, effective)
                    : conflict("cannot stop: the recording is " + current.label());
            case TOGGLE -> throw new IllegalStateException("toggle resolves to another action");
        };
    }

    /**
     * Every action {@code actor} may take on a recording in state {@code current}, and the refusal
     * each other one would get: {@link #decide} asked for each action, so what a client is offered
     * and what its request is answered never disagree.
     */
    public ActionChoices choices(CallParties parties, RecordingState current, Actor actor) {
        List<RecordingAction> allowed = new ArrayList<>();
        Map<RecordingAction, Decision.Refused> denied = new EnumMap<>(RecordingAction.class);
        for (RecordingAction action : RecordingAction.values()) {
            Decision decision = decide(parties, current, action, actor);
            if (decision instanceof Decision.Refused refused) {
                denied.put(action, refused);
            } else {
                allowed.add(action);
            }
        }
        return new ActionChoices(allowed, denied);
    }

    /** What {@code action} means in state {@code current}. */
    static RecordingAction effective(RecordingAction action, RecordingState current) {
        boolean notRunning = current == RecordingState.OFF || current == RecordingState.STOPPED;
        return switch (action) {
            case TOGGLE -> notRunning ? RecordingAction.START
                    : current == RecordingState.PAUSED ? RecordingAction.RESUME : RecordingAction.PAUSE;
            case RESUME -> notRunning ? RecordingAction.START : RecordingAction.RESUME;
            default -> action;
        };
    }

    private Decision.Refused permission(CallParties parties, RecordingAction effective, Actor actor) {
        if (actor instanceof Actor.Leg leg) {
            return agentsAllow(parties, effective, leg.agent());
        }
        if (actor instanceof Actor.User user) {
            return userAllowed(parties, effective, user.user());
        }
        if (actor instanceof Actor.Customer) {
            return forbidden("the customer's leg may not control the recording");
        }
        return null;
    }

    private Decision.Refused userAllowed(CallParties parties, RecordingAction effective, UserConfig user) {
        Role role = user.role() == null ? Role.AGENT : user.role();
        return switch (role) {
            case ADMIN, SUPERVISOR -> null;
            case ANALYST -> forbidden("analyst " + user.id() + " may not control recordings");
            case AGENT -> {
                Agent self = parties.agents().stream()
                        .filter(agent -> agent.user() != null && agent.user().id().equals(user.id()))
                        .findFirst().orElse(null);
                yield self == null ? forbidden(user.id() + " is not an agent of this call")
                        : agentsAllow(parties, effective, self);
            }
        };
    }

    /** The acting agent's mode must allow it; on an internal call, every agent's mode must. */
    private Decision.Refused agentsAllow(CallParties parties, RecordingAction effective, Agent actingAgent) {
        List<Agent> deciding = parties.internal() ? parties.agents() : List.of(actingAgent);
        for (Agent agent : deciding) {
            ControlMode mode = modeOf(agent, parties.number());
            if (!allows(mode, effective)) {
                return forbidden("agent " + agent.name() + " may not " + effective.label()
                        + " (mode " + mode.name().toLowerCase(Locale.ROOT) + ")");
            }
        }
        return null;
    }

    private static boolean allows(ControlMode mode, RecordingAction effective) {
        return switch (mode) {
            case ALWAYS -> false;
            case PAUSE_RESUME, ON_DEMAND -> effective != RecordingAction.STOP;
            case ON_DEMAND_FULL -> true;
        };
    }

    private NumberConfig number(String number) {
        return settings.number(number);
    }

    private static Decision.Refused forbidden(String reason) {
        return new Decision.Refused(Decision.Refused.FORBIDDEN, reason);
    }

    private static Decision.Refused conflict(String reason) {
        return new Decision.Refused(Decision.Refused.CONFLICT, reason);
    }
}
