package io.sotto.call;

import java.util.List;
import java.util.Optional;

import io.sotto.config.UserConfig;
import io.sotto.control.Agent;

/**
 * Who the agent of a leg is (README, "Pausing and resuming"): the user whose extension matches, in
 * order, the P-Asserted-Identity user, then the From user (calling leg) or the Contact/To user of the
 * answer (called leg).
 */
public final class Agents {
    private final List<UserConfig> users;

    public Agents(List<UserConfig> users) {
        this.users = users;
    }

    /** The first candidate user part that is a known extension. */
    public Optional<UserConfig> identify(String... candidateUsers) {
        for (String candidate : candidateUsers) {
            if (candidate == null) {
                continue;
            }
            for (UserConfig user : users) {
                if (candidate.equals(user.extension())) {
                    return Optional.of(user);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The agent of a leg from its candidate user parts, in order: the first that is a known
     * extension, else an unknown extension (the first candidate given) with company defaults;
     * null when there is no candidate at all.
     */
    public Agent agentOf(String... candidateUsers) {
        Optional<UserConfig> known = identify(candidateUsers);
        if (known.isPresent()) {
            return new Agent(known.get().extension(), known.get());
        }
        for (String candidate : candidateUsers) {
            if (candidate != null) {
                return new Agent(candidate, null);
            }
        }
        return null;
    }
}
