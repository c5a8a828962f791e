package io.sotto.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for tests that run SIPp: without it they are skipped on a developer machine, but with
 * {@code SOTTO_REQUIRE_SIPP=1} (as {@code .ci/run} sets) a missing SIPp fails the build instead of
 * silently skipping the end-to-end tests.
 */
public final class SippAssumptions {
    public static final String REQUIRE_ENV = "SOTTO_REQUIRE_SIPP";

    private SippAssumptions() {
    }

    public static void requireSipp() {
        if (Sipp.available()) {
            return;
        }
        String why = "SIPp with RTP streaming is not available: `" + Sipp.EXECUTABLE + " -v` "
                + Sipp.version().map(v -> "reports " + v + " without " + Sipp.RTP_STREAM_FEATURE)
                        .orElse("does not run")
                + "; install it with `apt-get install sip-tester` (SIPp 3.6 or later)";
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            Assertions.fail(REQUIRE_ENV + "=1 but " + why);
        }
        Assumptions.abort(why);
    }
}
