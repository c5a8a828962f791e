package io.sotto.control;

import java.util.List;

/**
 * Who is on a call, for the recording policy: its direction, the company number involved and its
 * agents (inbound: the called party; outbound: the caller; internal: both). The customer's leg
 * has no agent and is not listed.
 *
 * @param direction {@code inbound}, {@code outbound} or {@code internal}
 * @param number    the company number (dialled on inbound, presenting on outbound), or null
 */
public record CallParties(String direction, String number, List<Agent> agents) {
    public CallParties {
        agents = List.copyOf(agents);
    }

    public boolean internal() {
        return "internal".equals(direction);
    }
}
