package io.sotto.config;

/**
 * @param pause        digit code that pauses, e.g. {@code #11#}
 * @param resume       digit code that starts or resumes, e.g. {@code #12#}
 * @param interDigitMs longest gap between two digits of one code
 * @param feedback     whether a keyed code is answered with a tone on the keying agent's leg
 */
public record DtmfConfig(String pause, String resume, int interDigitMs, boolean feedback) {
    /** Longest code the loader accepts, so a digit collector can hold the last digits in a fixed buffer. */
    public static final int MAX_CODE_LENGTH = 16;
}
