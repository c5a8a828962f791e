package io.sotto.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamAlignerTest {
    private final StreamAligner aligner = new StreamAligner();

    @Test
    void shouldAnchorFirstPacketOneDurationBeforeItsArrival() {
        assertThat(aligner.position(1, 123_456, 10, 8160, 160)).isEqualTo(8000);
    }

    @Test
    void shouldFollowTimestampsNotArrivalWithinTheReanchorThreshold() {
        aligner.position(1, 1000, 10, 160, 160);
        // 100 ms of network delay on the next packet: the timestamp still decides.
        assertThat(aligner.position(1, 1160, 11, 320 + 800, 160)).isEqualTo(160);
        assertThat(aligner.reanchors()).isZero();
    }

    @Test
    void shouldFollowTimestampsAcrossThe32BitWrap() {
        int nearWrap = 0xFFFF_FF00;
        aligner.position(1, nearWrap, 65535, 160, 160);
        assertThat(aligner.position(1, nearWrap + 160, 0, 320, 160)).isEqualTo(160);
        assertThat(aligner.position(1, nearWrap + 320, 1, 480, 160)).isEqualTo(320);
        assertThat(aligner.reanchors()).isZero();
    }

    @Test
    void shouldReanchorWhenTimestampAndArrivalDisagreeByMoreThan120Ms() {
        aligner.position(1, 1000, 10, 160, 160);
        assertThat(aligner.position(1, 1000 + 160 * 100, 11, 320, 160)).as("jump ahead").isEqualTo(160);
        assertThat(aligner.position(1, 5, 12, 480, 160)).as("jump back").isEqualTo(320);
        assertThat(aligner.reanchors()).isEqualTo(2);
    }

    @Test
    void shouldReanchorOnNewSsrc() {
        aligner.position(1, 1000, 10, 160, 160);
        assertThat(aligner.position(2, 1000 + 160, 11, 8000, 160)).isEqualTo(7840);
        assertThat(aligner.reanchors()).isEqualTo(1);
    }

    @Test
    void shouldKeepReorderedPacketAtItsTimestampPositionHoweverLate() {
        aligner.position(1, 1000, 10, 160, 160);
        aligner.position(1, 1160, 11, 320, 160);
        aligner.position(1, 1480, 13, 640, 160);
        // Sequence 12 shows up a second late: behind the newest, so it is reordering, not a jump.
        assertThat(aligner.position(1, 1320, 12, 640 + 8000, 160)).isEqualTo(320);
        assertThat(aligner.reanchors()).isZero();
        assertThat(aligner.position(1, 1640, 14, 800, 160)).isEqualTo(640);
    }
}
