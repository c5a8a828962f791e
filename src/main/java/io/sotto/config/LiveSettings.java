package io.sotto.config;

/**
 * The current {@link Settings}, swapped whole when an admin changes one. Readers take the
 * reference without a lock: a call takes it once, at its start, and keeps that snapshot to its end,
 * so a change applies to the calls that start after it. Only the one thread that stores changes
 * (the catalog's) publishes.
 */
public final class LiveSettings {
    private volatile Settings current;

    public LiveSettings(Settings initial) {
        this.current = initial;
    }

    public Settings current() {
        return current;
    }

    public void publish(Settings next) {
        this.current = next;
    }
}
