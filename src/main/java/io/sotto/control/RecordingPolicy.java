package io.sotto.control;

import java.util.List;

import io.sotto.config.CompanyConfig;
import io.sotto.config.ControlMode;
import io.sotto.config.NumberConfig;
import io.sotto.config.UserConfig;

/**
 * Whether a call starts recorded (SPEC 5, most specific wins): the number's call-flow recording
 * step if set; else an agent's mode if it is {@code always} (yes) or {@code on_demand*} (no); else
 * the company's setting for the call's direction.
 */
public final class RecordingPolicy {
    private final CompanyConfig company;
    private final List<NumberConfig> numbers;

    public RecordingPolicy(CompanyConfig company, List<NumberConfig> numbers) {
        this.company = company;
        this.numbers = numbers;
    }

    /**
     * @param direction {@code inbound}, {@code outbound} or {@code internal}
     * @param number    the company number of the call, or null
     * @param agents    the call's agents
     */
    public boolean startsRecorded(String direction, String number, List<UserConfig> agents) {
        NumberConfig rule = number(number);
        if (rule != null && rule.record() != null) {
            return rule.record();
        }
        for (UserConfig agent : agents) {
            ControlMode mode = agent.control();
            if (mode == ControlMode.ALWAYS) {
                return true;
            }
            if (mode == ControlMode.ON_DEMAND || mode == ControlMode.ON_DEMAND_FULL) {
                return false;
            }
        }
        return switch (direction) {
            case "inbound" -> company.record().inbound();
            case "outbound" -> company.record().outbound();
            default -> company.record().internal();
        };
    }

    private NumberConfig number(String number) {
        if (number == null) {
            return null;
        }
        for (NumberConfig rule : numbers) {
            if (number.equals(rule.number())) {
                return rule;
            }
        }
        return null;
    }
}
