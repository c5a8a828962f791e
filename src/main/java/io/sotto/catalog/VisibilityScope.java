package io.sotto.catalog;

import java.util.List;
import java.util.Set;

/**
 * The calls and recordings one user may see (docs/configuration.md, "users"), as sets a live call or a
 * catalog query is checked against, so both answer the same.
 *
 * <p>An internal call has no company number, and a call whose SIP headers carried no user part
 * has no caller or callee: a null number or agent is simply in no set. The sets are immutable
 * ({@link Set#copyOf}), whose {@code contains(null)} throws, so every lookup goes through
 * {@link #has}.
 *
 * @param everything    sees every call
 * @param agents        sees a call one of these users is an agent of (the user; with
 *                      {@code groups} visibility also the members of their groups)
 * @param missedNumbers sees a call to one of these numbers that no agent took (missed, or
 *                      answered by an IVR or voicemail)
 * @param numbers       sees every call to one of these numbers
 */
public record VisibilityScope(boolean everything, Set<String> agents, Set<String> missedNumbers, Set<String> numbers) {

    public VisibilityScope {
        agents = Set.copyOf(agents);
        missedNumbers = Set.copyOf(missedNumbers);
        numbers = Set.copyOf(numbers);
    }

    public static VisibilityScope all() {
        return new VisibilityScope(true, Set.of(), Set.of(), Set.of());
    }

    /** Whether a call of these agents (none: null or empty) to {@code number} (null: none) is in scope. */
    public boolean includes(List<String> callAgents, String number) {
        if (everything || has(numbers, number)) {
            return true;
        }
        if (callAgents == null || callAgents.isEmpty()) {
            return has(missedNumbers, number);
        }
        for (String agent : callAgents) {
            if (has(agents, agent)) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Set<String> set, String value) {
        return value != null && set.contains(value);
    }
}
