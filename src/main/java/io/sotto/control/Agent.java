package io.sotto.control;

import io.sotto.config.UserConfig;

/**
 * The agent on one leg of a call (README, "Pausing and resuming"): the extension found on the leg
 * and the user who has it, or null for an extension no user has (company defaults apply).
 */
public record Agent(String extension, UserConfig user) {

    /** How a refusal names this agent: the user's id, else the extension. */
    public String name() {
        return user != null ? user.id() : extension;
    }
}
