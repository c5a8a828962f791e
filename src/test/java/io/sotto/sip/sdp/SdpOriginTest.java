package io.sotto.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SdpOriginTest {
    @Test
    void shouldStartFreshSessionAtVersionOneWithPositiveId() {
        SdpOrigin origin = SdpOrigin.fresh();

        assertThat(origin.sessionId()).isPositive();
        assertThat(origin.version()).isEqualTo(1);
    }

    @Test
    void shouldGiveEachFreshSessionItsOwnId() {
        assertThat(SdpOrigin.fresh().sessionId()).isNotEqualTo(SdpOrigin.fresh().sessionId());
    }

    @Test
    void shouldKeepSessionIdAndBumpVersionOnNext() {
        SdpOrigin origin = new SdpOrigin(77, 3);

        assertThat(origin.next()).isEqualTo(new SdpOrigin(77, 4));
        assertThat(origin).isEqualTo(new SdpOrigin(77, 3));
    }

    @Test
    void shouldRejectNegativeFields() {
        assertThatThrownBy(() -> new SdpOrigin(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SdpOrigin(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
