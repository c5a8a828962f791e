package io.sotto.config;

/**
 * A company number's recording rule.
 *
 * @param number  the number as dialled or presented, e.g. {@code +15550100}
 * @param record  call-flow recording step: true/false, or null when not set
 * @param control control mode for calls of this number, or null
 */
public record NumberConfig(String number, Boolean record, ControlMode control) {
}
