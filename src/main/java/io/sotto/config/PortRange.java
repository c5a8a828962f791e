package io.sotto.config;

/** An inclusive port range, {@code first-last}. */
public record PortRange(int first, int last) {
}
