package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which key presses of an agent's leg are kept from the other party, press by press. */
class ControlCodeHiderTest {
    private static final long MS = 1_000_000L;
    private static final ControlCodes CODES = ControlCodes.of(3000 * MS, "#11#", "#12#");

    private final ControlCodeHider hider = new ControlCodeHider();
    private long now;

    @Test
    void hidesEveryPressOfACode() {
        assertThat(keys(CODES, "#11#")).isEqualTo("HHHH");
        assertThat(keys(CODES, "#12#")).isEqualTo("HHHH");
    }

    @Test
    void relaysKeysThatStartNoCode() {
        assertThat(keys(CODES, "4711")).isEqualTo("RRRR");
    }

    @Test
    void hidesACodeKeyedAfterOtherKeysAndRelaysTheKeysBeforeIt() {
        assertThat(keys(CODES, "42#11#")).isEqualTo("RRHHHH");
    }

    @Test
    void losesTheStartOfACodeThatWentElsewhereButRelaysTheKeyThatLeftIt() {
        assertThat(keys(CODES, "#15")).isEqualTo("HHR");
    }

    @Test
    void hidesACodeThatStartsInsideAnAbandonedOne() {
        assertThat(keys(CODES, "#1#11#")).isEqualTo("HHHHHH");
    }

    @Test
    void startsAfreshAfterACompleteCode() {
        assertThat(keys(CODES, "#11#1")).isEqualTo("HHHHR");
    }

    @Test
    void startsAfreshAfterAGapLongerThanTheInterDigitTime() {
        assertThat(keys(CODES, "#1")).isEqualTo("HH");
        now += 3001 * MS;
        assertThat(keys(CODES, "1")).isEqualTo("R");
    }

    @Test
    void hidesAllPacketsOfAHiddenPressAndRelaysAllOfARelayedOne() {
        assertThat(hider.hides(CODES, true, 11, now)).isTrue();
        assertThat(hider.hides(CODES, false, 11, now)).isTrue();
        assertThat(hider.hides(CODES, false, 11, now)).as("end packet").isTrue();
        assertThat(hider.hides(CODES, true, 5, now)).isFalse();
        assertThat(hider.hides(CODES, false, 5, now)).isFalse();
    }

    @Test
    void relaysEverythingOnALegWithoutCodes() {
        assertThat(keys(null, "#11#")).isEqualTo("RRRR");
    }

    @Test
    void relaysEventsThatAreNoDigits() {
        assertThat(hider.hides(CODES, true, 16, now)).as("flash").isFalse();
    }

    /** H for each key hidden, R for each relayed, 100 ms apart. */
    private String keys(ControlCodes codes, String keys) {
        StringBuilder result = new StringBuilder();
        for (char key : keys.toCharArray()) {
            now += 100 * MS;
            int event = "0123456789*#ABCD".indexOf(key);
            result.append(hider.hides(codes, true, event, now) ? 'H' : 'R');
        }
        return result.toString();
    }
}
