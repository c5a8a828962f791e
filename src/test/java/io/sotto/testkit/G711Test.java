package io.sotto.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void shouldEncodeSilenceAsTheIdleCodes() {
        assertThat(G711.linearToUlaw((short) 0)).isEqualTo(G711.ULAW_SILENCE);
        assertThat(G711.linearToAlaw((short) 0)).isEqualTo(G711.ALAW_SILENCE);
        assertThat(G711.ulawToLinear(G711.ULAW_SILENCE)).isZero();
        assertThat(G711.alawToLinear(G711.ALAW_SILENCE)).isEqualTo((short) 8);
    }

    @Test
    void shouldRoundTripEveryLinearValueWithinHalfAQuantisationStep() {
        // Steps double every segment, so half a step is at most 1/16 of the magnitude, plus
        // the finest step; mu-law clips above 32635.
        for (int value = Short.MIN_VALUE; value <= Short.MAX_VALUE; value++) {
            short sample = (short) value;
            double allowed = Math.abs(value) / 16.0 + 8;
            if (Math.abs(value) <= 32635) {
                assertThat((double) Math.abs(G711.ulawToLinear(G711.linearToUlaw(sample)) - value))
                        .as("mu-law %d", value).isLessThanOrEqualTo(allowed);
            }
            assertThat((double) Math.abs(G711.alawToLinear(G711.linearToAlaw(sample)) - value))
                    .as("A-law %d", value).isLessThanOrEqualTo(allowed);
        }
    }

    @Test
    void shouldDecodeEveryCodeToAValueThatEncodesBackToIt() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            // 0x7F and 0xFF are both zero in mu-law (negative and positive zero); the encoder picks 0xFF.
            if (code != 0x7F) {
                assertThat(G711.linearToUlaw(G711.ulawToLinear(b))).as("mu-law code %02x", code).isEqualTo(b);
            }
            assertThat(G711.linearToAlaw(G711.alawToLinear(b))).as("A-law code %02x", code).isEqualTo(b);
        }
    }

    @Test
    void shouldKeepTheSignAndOrderOfSamples() {
        assertThat(G711.ulawToLinear(G711.linearToUlaw((short) 1000))).isPositive();
        assertThat(G711.ulawToLinear(G711.linearToUlaw((short) -1000))).isNegative();
        assertThat(G711.alawToLinear(G711.linearToAlaw((short) 20000)))
                .isGreaterThan(G711.alawToLinear(G711.linearToAlaw((short) 10000)));
        assertThat(G711.ulawToLinear(G711.linearToUlaw(Short.MAX_VALUE))).isEqualTo((short) 32124);
        assertThat(G711.alawToLinear(G711.linearToAlaw(Short.MIN_VALUE))).isEqualTo((short) -32256);
    }
}
