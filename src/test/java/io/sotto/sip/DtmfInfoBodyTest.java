package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DtmfInfoBodyTest {

    @Test
    void readsTheSignalOfADtmfRelayBody() {
        assertThat(DtmfInfoBody.digitsOf("application/dtmf-relay", "Signal=#\r\nDuration=160\r\n")).isEqualTo("#");
        assertThat(DtmfInfoBody.digitsOf("Application/DTMF-Relay", "Signal= 5\nDuration= 100\n")).isEqualTo("5");
    }

    @Test
    void readsNumericSignalsForStarAndPound() {
        assertThat(DtmfInfoBody.digitsOf("application/dtmf-relay", "Signal=10\r\n")).isEqualTo("*");
        assertThat(DtmfInfoBody.digitsOf("application/dtmf-relay", "Signal=11\r\n")).isEqualTo("#");
    }

    @Test
    void readsTheDigitOfAnApplicationDtmfBody() {
        assertThat(DtmfInfoBody.digitsOf("application/dtmf", "1\r\n")).isEqualTo("1");
        assertThat(DtmfInfoBody.digitsOf("application/dtmf;charset=utf-8", "d")).isEqualTo("D");
    }

    @Test
    void findsNoDigitInOtherBodies() {
        assertThat(DtmfInfoBody.digitsOf("application/json", "{\"Signal\":\"1\"}")).isEmpty();
        assertThat(DtmfInfoBody.digitsOf("application/dtmf-relay", "Signal=x\r\n")).isEmpty();
        assertThat(DtmfInfoBody.digitsOf(null, "Signal=1")).isEmpty();
    }
}
