package io.sotto.catalog;

import java.util.List;
import java.util.Set;

/**
 * The calls and recordings one user may see (SPEC 9), as sets a live call or a catalog query is
 * checked against, so both answer the same.
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

    /** Whether a call of these agents to {@code number} is in scope. */
    public boolean includes(List<String> callAgents, String number) {
        if (everything || numbers.contains(number)) {
            return true;
        }
        if (callAgents.isEmpty()) {
            return missedNumbers.contains(number);
        }
        for (String agent : callAgents) {
            if (agents.contains(agent)) {
                return true;
            }
        }
        return false;
    }
}
