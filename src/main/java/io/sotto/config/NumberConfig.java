package io.sotto.config;

import java.util.List;

/**
 * A company number's recording rule, and whom its calls are routed to.
 *
 * @param number  the number as dialled or presented, e.g. {@code +15550100}
 * @param record  call-flow recording step: true/false, or null when not set
 * @param control control mode for calls of this number, or null
 * @param users   ids of the users its calls ring: they see its missed calls even with
 *                {@code visibility: own} (docs/configuration.md, "numbers")
 * @param groups  groups its calls ring: their members see its missed calls, and with
 *                {@code visibility: groups} all its calls
 */
public record NumberConfig(String number, Boolean record, ControlMode control, List<String> users,
                           List<String> groups) {

    public NumberConfig {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }

    /** A number routed to nobody in particular. */
    public NumberConfig(String number, Boolean record, ControlMode control) {
        this(number, record, control, List.of(), List.of());
    }
}
