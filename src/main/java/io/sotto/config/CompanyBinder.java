package io.sotto.config;

import java.util.Locale;

import static io.sotto.config.ConfigNode.quote;

/** Binds {@code company}: the defaults every number and user falls back to (docs/configuration.md, "company"). */
final class CompanyBinder {
    private static final int MIN_INTER_DIGIT_MS = 100;
    private static final int MAX_INTER_DIGIT_MS = 60_000;
    /** DTMF events 0-9, *, #, A-D (RFC 4733 section 3.2, events 0-15). */
    private static final String DTMF_DIGITS = "0123456789*#ABCD";

    private CompanyBinder() {
    }

    static CompanyConfig company(ConfigNode company) {
        company.mapping("record", "control", "dtmf", "transfer", "visibility", "play", "download", "max_pause");
        return new CompanyConfig(
                record(company.get("record")),
                company.get("control").choice(ControlMode.class),
                dtmf(company.get("dtmf")),
                company.get("transfer").choice(TransferMode.class),
                company.get("visibility").choice(Visibility.class),
                company.get("play").choice(PlayRight.class),
                company.get("download").bool(),
                maxPause(company.get("max_pause")));
    }

    /** Seconds, or null (absent or {@code null}) for no limit. */
    private static Integer maxPause(ConfigNode maxPause) {
        if (maxPause.isAbsent()) {
            return null;
        }
        int seconds = maxPause.integer();
        if (seconds < 1 || seconds > CompanyConfig.MAX_MAX_PAUSE_SECONDS) {
            throw maxPause.fail(seconds + " is outside 1-" + CompanyConfig.MAX_MAX_PAUSE_SECONDS
                    + " (seconds; null for no limit)");
        }
        return seconds;
    }

    private static RecordDefaults record(ConfigNode record) {
        record.mapping("inbound", "outbound", "internal");
        return new RecordDefaults(
                record.get("inbound").bool(),
                record.get("outbound").bool(),
                record.get("internal").bool());
    }

    private static DtmfConfig dtmf(ConfigNode dtmf) {
        dtmf.mapping("pause", "resume", "inter_digit_ms", "feedback");
        ConfigNode pauseNode = dtmf.get("pause");
        ConfigNode resumeNode = dtmf.get("resume");
        String pause = code(pauseNode);
        String resume = code(resumeNode);
        // Digits trigger a code when they end in it, so a code that ends the other would fire both.
        if (pause.equals(resume)) {
            throw resumeNode.fail(quote(resume) + " is also the pause code");
        }
        if (pause.endsWith(resume)) {
            throw resumeNode.fail(quote(resume) + " is the end of the pause code " + quote(pause) + ", so pausing would also resume");
        }
        if (resume.endsWith(pause)) {
            throw pauseNode.fail(quote(pause) + " is the end of the resume code " + quote(resume) + ", so resuming would also pause");
        }
        ConfigNode interDigit = dtmf.get("inter_digit_ms");
        int interDigitMs = interDigit.integer();
        if (interDigitMs < MIN_INTER_DIGIT_MS || interDigitMs > MAX_INTER_DIGIT_MS) {
            throw interDigit.fail(interDigitMs + " is outside " + MIN_INTER_DIGIT_MS + "-" + MAX_INTER_DIGIT_MS);
        }
        return new DtmfConfig(pause, resume, interDigitMs, dtmf.get("feedback").bool());
    }

    private static String code(ConfigNode code) {
        if (code.isAbsent()) {
            // An unquoted #11# is a YAML comment, which leaves the key empty.
            throw code.fail("missing (put codes in quotes: \"#11#\")");
        }
        String given = code.string();
        if (given.length() > DtmfConfig.MAX_CODE_LENGTH) {
            throw code.fail(quote(given) + " is longer than " + DtmfConfig.MAX_CODE_LENGTH + " digits");
        }
        for (int i = 0; i < given.length(); i++) {
            if (DTMF_DIGITS.indexOf(Character.toUpperCase(given.charAt(i))) < 0) {
                throw code.fail(quote(given) + " has " + quote(String.valueOf(given.charAt(i)))
                        + "; codes use only 0-9 * # A-D");
            }
        }
        return given.toUpperCase(Locale.ROOT);
    }
}
