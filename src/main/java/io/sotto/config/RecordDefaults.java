package io.sotto.config;

/** Whether calls of each direction start recorded, company-wide. */
public record RecordDefaults(boolean inbound, boolean outbound, boolean internal) {
}
