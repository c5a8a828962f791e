package io.sotto.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.sotto.config.DtmfConfig;

/**
 * Collects one call leg's DTMF digits and spots the control codes in them (README, "Pausing and
 * resuming"): when the digits keyed so far <em>end in</em> the pause or resume code, with no gap
 * longer than {@code inter_digit_ms} between two of them, {@link #feed} answers the action and
 * forgets the digits. Digits keyed before a code ({@code 4111#11#}) are ignored; a gap longer than
 * {@code inter_digit_ms} starts afresh, so a code split by a pause in keying does not match.
 *
 * <p>PCI: the digits may be a customer's card number. This class keeps only as many digits as the
 * longest code, overwrites them as soon as they are no longer needed, and never logs or shows them
 * ({@link #toString} does not include them).
 *
 * <p>Not thread-safe: one collector per leg, fed by the thread that owns the call.
 */
public final class DigitCollector {
    private static final Optional<RecordingAction> PAUSE = Optional.of(RecordingAction.PAUSE);
    private static final Optional<RecordingAction> RESUME = Optional.of(RecordingAction.RESUME);
    private static final String DTMF_DIGITS = "0123456789*#ABCD";

    private final char[] pauseCode;
    private final char[] resumeCode;
    private final long interDigitNanos;
    private final char[] held;
    private int count;
    private long lastDigitNanos;

    public DigitCollector(DtmfConfig dtmf) {
        Objects.requireNonNull(dtmf, "dtmf");
        this.pauseCode = code(dtmf.pause(), "pause");
        this.resumeCode = code(dtmf.resume(), "resume");
        if (dtmf.interDigitMs() <= 0) {
            throw new IllegalArgumentException("inter_digit_ms must be positive: " + dtmf.interDigitMs());
        }
        this.interDigitNanos = dtmf.interDigitMs() * 1_000_000L;
        this.held = new char[Math.max(pauseCode.length, resumeCode.length)];
    }

    /**
     * Takes one digit.
     *
     * @param digit    {@code 0-9 * # A-D} (a-d accepted); anything else is not a DTMF digit and is
     *                 ignored, leaving the digits held so far as they are
     * @param nowNanos a monotonic clock reading ({@link System#nanoTime} or the call thread's clock)
     * @return {@link RecordingAction#PAUSE} or {@link RecordingAction#RESUME} when the digits now end
     *         in that code (the digits are then forgotten), else empty
     */
    public Optional<RecordingAction> feed(char digit, long nowNanos) {
        char upper = Character.toUpperCase(digit);
        if (DTMF_DIGITS.indexOf(upper) < 0) {
            return Optional.empty();
        }
        if (count > 0 && nowNanos - lastDigitNanos > interDigitNanos) {
            clear();
        }
        lastDigitNanos = nowNanos;
        if (count == held.length) {
            System.arraycopy(held, 1, held, 0, held.length - 1);
            count--;
        }
        held[count++] = upper;
        // Pause first: should both ever match, the PCI-safe action wins (the config loader refuses such codes).
        if (endsWith(pauseCode)) {
            clear();
            return PAUSE;
        }
        if (endsWith(resumeCode)) {
            clear();
            return RESUME;
        }
        return Optional.empty();
    }

    /**
     * Whether the digits held end in the start of a code (a digit fed since the last code may be
     * its beginning), so a relay can keep them from the other party.
     */
    public boolean holdsCodeStart() {
        return endsInStartOf(pauseCode) || endsInStartOf(resumeCode);
    }

    /** Forgets the digits held, e.g. when the leg's media is re-negotiated or the call ends. */
    public void clear() {
        Arrays.fill(held, '\0');
        count = 0;
    }

    /** How many digits are held: at most the length of the longest code. */
    int held() {
        return count;
    }

    /** Never the digits: they may be a card number. */
    @Override
    public String toString() {
        return "DigitCollector[interDigitMs=" + interDigitNanos / 1_000_000L + "]";
    }

    private boolean endsWith(char[] code) {
        if (count < code.length) {
            return false;
        }
        int offset = count - code.length;
        for (int i = 0; i < code.length; i++) {
            if (held[offset + i] != code[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean endsInStartOf(char[] code) {
        for (int length = Math.min(count, code.length - 1); length > 0; length--) {
            if (Arrays.equals(held, count - length, count, code, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static char[] code(String code, String name) {
        if (code == null || code.isEmpty()) {
            throw new IllegalArgumentException("the " + name + " code is empty");
        }
        String upper = code.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            if (DTMF_DIGITS.indexOf(upper.charAt(i)) < 0) {
                throw new IllegalArgumentException("the " + name + " code has a character that is no DTMF digit");
            }
        }
        return upper.toCharArray();
    }
}
