package io.sotto.config;

/**
 * Recording control modes (README, "Pausing and resuming"); YAML spells them in lower case:
 * {@code on_demand_full}.
 */
public enum ControlMode { ALWAYS, PAUSE_RESUME, ON_DEMAND, ON_DEMAND_FULL }
