package io.sotto.control;

import io.sotto.config.UserConfig;

/**
 * Who asks for a recording action: the agent of a call leg (DTMF or INFO from that leg), the
 * customer's leg (never allowed), a REST user, or Sotto's own policy.
 */
public sealed interface Actor {

    static Actor leg(Agent agent) {
        return new Leg(agent);
    }

    static Actor customer() {
        return new Customer();
    }

    static Actor user(UserConfig user) {
        return new User(user);
    }

    static Actor policy() {
        return new Policy();
    }

    /** The event's {@code who}: the user's id, or null when no configured user acted. */
    String who();

    record Leg(Agent agent) implements Actor {
        @Override
        public String who() {
            return agent.user() == null ? null : agent.user().id();
        }
    }

    record Customer() implements Actor {
        @Override
        public String who() {
            return null;
        }
    }

    record User(UserConfig user) implements Actor {
        @Override
        public String who() {
            return user.id();
        }
    }

    record Policy() implements Actor {
        @Override
        public String who() {
            return null;
        }
    }
}
