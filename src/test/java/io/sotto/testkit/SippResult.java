package io.sotto.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * How a SIPp run ended: its exit code (0: every call succeeded; 1: at least one failed; 97:
 * stopped by command or global timeout; 99: ended with no call processed; 255: fatal error; 254:
 * cannot bind a socket), whether the runner had to end it, and its logs.
 */
public record SippResult(List<String> command, int exitCode, boolean timedOut, Path logDir,
                         String output, String errors, String messages, String screen) {
    /** The exit code reported while the process has not ended yet. */
    public static final int STILL_RUNNING = Integer.MIN_VALUE;
    private static final int TAIL_CHARS = 4000;

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** For assertion messages: the command, the outcome, the error log and the final screen. */
    public String summary() {
        return String.join(" ", command) + "\n"
                + (timedOut ? "timed out and was ended, " : "") + "exit code "
                + (exitCode == STILL_RUNNING ? "(still running)" : Integer.toString(exitCode))
                + ", logs in " + logDir + "\n"
                + "--- errors ---\n" + tail(errors) + "\n"
                + "--- screen ---\n" + tail(screen.isEmpty() ? output : screen);
    }

    private static String tail(String text) {
        return text.length() <= TAIL_CHARS ? text : "..." + text.substring(text.length() - TAIL_CHARS);
    }
}
