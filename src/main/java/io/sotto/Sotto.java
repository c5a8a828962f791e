package io.sotto;

import io.sotto.config.SottoConfig;

/** Composition root: creates every thread and wires sip, call, media and recorder together. */
public final class Sotto implements AutoCloseable {
    private final SottoConfig config;

    private Sotto(SottoConfig config) {
        this.config = config;
    }

    /** Starts every part on {@code config}; throws if a socket cannot be bound. */
    public static Sotto start(SottoConfig config) {
        return new Sotto(config);
    }

    public SottoConfig config() {
        return config;
    }

    @Override
    public void close() {
    }
}
