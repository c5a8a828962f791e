package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BridgeReinvitesTest {
    private static final long STEP = TimeUnit.MILLISECONDS.toNanos(10);

    @Test
    void waitsTwoPointOneToFourSecondsAfterGlareOnADialogWhoseCallIdSottoChose() {
        for (int i = 0; i < 2000; i++) {
            long delay = BridgeReinvites.glareDelayNanos(true);
            assertThat(delay).isBetween(TimeUnit.MILLISECONDS.toNanos(2100), TimeUnit.SECONDS.toNanos(4));
            assertThat(delay % STEP).as("in units of 10 ms").isZero();
        }
    }

    @Test
    void waitsUpToTwoSecondsAfterGlareOnADialogTheOtherPartyMade() {
        for (int i = 0; i < 2000; i++) {
            long delay = BridgeReinvites.glareDelayNanos(false);
            assertThat(delay).isBetween(0L, TimeUnit.SECONDS.toNanos(2));
            assertThat(delay % STEP).as("in units of 10 ms").isZero();
        }
    }
}
