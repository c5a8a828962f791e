package io.sotto.control;

import java.util.Locale;
import java.util.Optional;

/**
 * What a DTMF code, a {@code Recording-Control} INFO or a REST call asks of a recording (README,
 * "Pausing and resuming").
 * {@link #TOGGLE} and a {@link #RESUME} of a recording that is not running are resolved against the
 * current state by {@link RecordingPolicy#decide}.
 */
public enum RecordingAction {
    PAUSE, RESUME, TOGGLE, START, STOP;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The name in REST paths and the {@code Recording-Control} header: {@code pause}, {@code resume}, ... */
    public String label() {
        return label;
    }

    /**
     * The action named {@code text}, case-insensitively; empty for null or an unknown name (the REST
     * layer answers 404, the INFO handler 400).
     */
    public static Optional<RecordingAction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.toLowerCase(Locale.ROOT);
        for (RecordingAction action : values()) {
            if (action.label.equals(wanted)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
