package io.sotto.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Placement by the RTP clock: positions in samples, 20 ms packets of 160 samples unless said
 * otherwise; {@code arrival(k)} is packet k's arrival on time (its end).
 */
class StreamAlignerTest {
    private static final int SAMPLES = 160;
    private static final int TS0 = 123_456;

    private final StreamAligner aligner = new StreamAligner();

    private long send(int k, long arrivalEnd) {
        return aligner.position(1, TS0 + SAMPLES * k, 1000 + k, false, arrivalEnd, SAMPLES);
    }

    private static long onTime(int k) {
        return (long) SAMPLES * (k + 1);
    }

    @Test
    void anchorsTheFirstPacketOneDurationBeforeItsArrival() {
        assertThat(aligner.position(1, 123_456, 10, false, 8160, 160)).isEqualTo(8000);
    }

    @Test
    void followsTimestampsNotArrivalUnderJitter() {
        send(0, onTime(0));
        assertThat(send(1, onTime(1) + 800)).as("100 ms late").isEqualTo(160);
        assertThat(send(2, onTime(2) + 40)).isEqualTo(320);
        assertThat(aligner.reanchors()).isZero();
    }

    @Test
    void followsTimestampsAcrossThe32BitWrap() {
        int nearWrap = 0xFFFF_FF00;
        aligner.position(1, nearWrap, 65535, false, 160, 160);
        assertThat(aligner.position(1, nearWrap + 160, 0, false, 320, 160)).isEqualTo(160);
        assertThat(aligner.position(1, nearWrap + 320, 1, false, 480, 160)).isEqualTo(320);
        assertThat(aligner.reanchors()).isZero();
    }

    @Test
    void keepsEveryPacketOfAStallAndBurstAtItsTimestampPosition() {
        for (int k = 0; k < 50; k++) {
            send(k, onTime(k));
        }
        // A 1.5 s stall: packets 50..124 all arrive together when packet 125 is due.
        long burst = onTime(125);
        for (int k = 50; k <= 125; k++) {
            assertThat(send(k, burst)).as("packet %d", k).isEqualTo((long) SAMPLES * k);
        }
        for (int k = 126; k < 200; k++) {
            assertThat(send(k, onTime(k))).isEqualTo((long) SAMPLES * k);
        }
        assertThat(aligner.reanchors()).isZero();
        assertThat(aligner.driftCorrection()).isZero();
    }

    @Test
    void keepsATalkspurtAfterSuppressedSilenceAtItsTimestampEvenWhenItComesInALateBurst() {
        for (int k = 0; k < 50; k++) {
            send(k, onTime(k));
        }
        // Silence suppressed from 50 to 99 (sequence goes on by one), the talkspurt from 100 on held up 1 s.
        long burst = onTime(150);
        for (int k = 100; k <= 150; k++) {
            long position = aligner.position(1, TS0 + SAMPLES * k, 1000 + k - 50, k == 100, burst, SAMPLES);
            assertThat(position).as("packet %d", k).isEqualTo((long) SAMPLES * k);
        }
        assertThat(aligner.reanchors()).isZero();
    }

    @Test
    void restartsOnATimestampJumpIntoTheFuture() {
        send(0, onTime(0));
        assertThat(aligner.position(1, TS0 + 160 + 8000 * 60, 1001, false, onTime(1), 160)).isEqualTo(160);
        assertThat(aligner.reanchors()).isEqualTo(1);
        assertThat(aligner.position(1, TS0 + 320 + 8000 * 60, 1002, false, onTime(2), 160)).isEqualTo(320);
    }

    @Test
    void restartsOnATimestampThatWentBackWhileTheSequenceWentOn() {
        for (int k = 0; k < 10; k++) {
            send(k, onTime(k));
        }
        // The sender restarted its timestamps at a lower value 2 s later; the sequence runs on.
        long position = aligner.position(1, 5, 1010, false, onTime(110), 160);
        assertThat(position).isEqualTo((long) SAMPLES * 110);
        assertThat(aligner.reanchors()).isEqualTo(1);
    }

    @Test
    void restartsOnATalkspurtWhoseTimestampDidNotCountTheSilence() {
        for (int k = 0; k < 10; k++) {
            send(k, onTime(k));
        }
        // 3 s of silence, and the sender's timestamps pick up where they stopped, marked.
        assertThat(aligner.position(1, TS0 + SAMPLES * 10, 1010, true, onTime(160), 160)).isEqualTo(160L * 160);
        assertThat(aligner.reanchors()).isEqualTo(1);
    }

    @Test
    void restartsWhenTheNewestPacketIsBehindArrivalByMoreThanTheHorizon() {
        send(0, onTime(0));
        // A 30 s hold without timestamps advancing, unmarked: no stall is that long.
        assertThat(aligner.position(1, TS0 + 160, 1001, false, onTime(1500), 160)).isEqualTo(160L * 1500);
        assertThat(aligner.reanchors()).isEqualTo(1);
    }

    @Test
    void restartsOnANewSsrc() {
        send(0, onTime(0));
        assertThat(aligner.position(2, TS0 + 160, 1001, false, 8000, 160)).isEqualTo(7840);
        assertThat(aligner.reanchors()).isEqualTo(1);
    }

    @Test
    void keepsTimestampsWhenTheSequenceRestartsButTimestampsAgreeWithArrival() {
        send(0, onTime(0));
        assertThat(aligner.position(1, TS0 + 160, 40_000, false, onTime(1) + 80, 160)).isEqualTo(160);
        assertThat(aligner.reanchors()).isZero();
    }

    @Test
    void keepsAReorderedPacketAtItsTimestampPositionHoweverLate() {
        send(0, onTime(0));
        send(1, onTime(1));
        send(3, onTime(3));
        // Packet 2 shows up 5 s late: behind the newest by sequence, so it is delayed, not a jump.
        assertThat(send(2, onTime(2) + 40_000)).isEqualTo(320);
        assertThat(aligner.reanchors()).isZero();
        assertThat(send(4, onTime(4))).isEqualTo(640);
    }

    @Test
    void keepsAPacketFarBehindTheNewestAtItsTimestampWhenItsTimestampIsAsFarBack() {
        for (int k = 0; k < 600; k++) {
            send(k, onTime(k));
        }
        assertThat(send(30, onTime(600))).isEqualTo(160L * 30);
        assertThat(aligner.reanchors()).isZero();
        assertThat(send(600, onTime(600))).isEqualTo(160L * 600);
    }

    @Test
    void correctsAFastSenderClockSoTheStreamStaysWithinAFewMillisecondsOfArrival() {
        // The sender's clock runs 0.5 % fast: its timestamps gain 0.8 samples a packet, 24 s a minute... in samples 2400.
        long worst = 0;
        for (int k = 0; k < 3000; k++) {
            int timestamp = TS0 + (int) Math.round(k * SAMPLES * 1.005);
            long position = aligner.position(1, timestamp, 1000 + k, false, onTime(k), SAMPLES);
            if (k > 500) {
                worst = Math.max(worst, Math.abs(position - (long) SAMPLES * k));
            }
        }
        // at most the tolerance and one window's drift (0.8 samples x 100 packets) early
        assertThat(worst).as("samples off after the first 10 s")
                .isLessThanOrEqualTo(StreamAligner.LATER_EARLY_TOLERANCE_SAMPLES + 81);
        assertThat(aligner.reanchors()).isZero();
        assertThat(aligner.driftCorrection()).isNegative();
    }

    @Test
    void correctsASlowSenderClock() {
        // 0.05 % slow: behind by 4 samples a second, 240 in a minute without correction.
        long worst = 0;
        for (int k = 0; k < 3000; k++) {
            int timestamp = TS0 + (int) Math.round(k * SAMPLES * 0.9995);
            long position = aligner.position(1, timestamp, 1000 + k, false, onTime(k), SAMPLES);
            if (k > 500) {
                worst = Math.max(worst, Math.abs(position - (long) SAMPLES * k));
            }
        }
        assertThat(worst).as("samples off after the first 10 s").isLessThanOrEqualTo(40);
        assertThat(aligner.reanchors()).isZero();
        assertThat(aligner.driftCorrection()).isPositive();
    }

    @Test
    void correctsAnAnchorOnADelayedFirstPacket() {
        // The first packet was 60 ms late; every later one is on time, so the stream maps 60 ms late.
        aligner.position(1, TS0, 1000, false, onTime(0) + 480, SAMPLES);
        long last = 0;
        for (int k = 1; k < 500; k++) {
            last = send(k, onTime(k));
            if (k == 30) {
                assertThat(last - (long) SAMPLES * k).as("samples late 0.6 s in")
                        .isBetween(0L, StreamAligner.EARLY_TOLERANCE_SAMPLES);
            }
        }
        assertThat(last - (long) SAMPLES * 499).as("samples late after 10 s")
                .isBetween(0L, StreamAligner.EARLY_TOLERANCE_SAMPLES);
    }

    @Test
    void leavesAnAnchorLessThanFiveMillisecondsLateAloneSoTheAudioHasNoSeam() {
        // The first packet 4 ms late (a busy media thread): within tolerance, never corrected.
        aligner.position(1, TS0, 1000, false, onTime(0) + 32, SAMPLES);
        for (int k = 1; k < 500; k++) {
            send(k, onTime(k));
        }
        assertThat(aligner.driftCorrection()).isZero();
    }

    @Test
    void leavesAStreamAloneWhoseSenderPutsOutAFewPacketsAheadOfItsSchedule() {
        // One packet in 25 goes out 22 ms ahead of its time, as SIPp's rtp_stream does now and then:
        // four a window, two in the first; the rest of the stream is on time and must not move.
        for (int k = 0; k < 500; k++) {
            long arrival = k % 25 == 3 || k == 20 ? onTime(k) - 176 : onTime(k);
            assertThat(send(k, arrival)).as("packet %d", k).isEqualTo((long) SAMPLES * k);
        }
        assertThat(aligner.driftCorrection()).isZero();
        assertThat(aligner.reanchors()).isZero();
    }

    @Test
    void correctsAStreamWhoseFirstPacketWasLateEvenIfOneLaterPacketCameEarlier() {
        // The anchor packet was held up 30 ms; two packets of the first window go out 20 ms early besides.
        aligner.position(1, TS0, 1000, false, onTime(0) + 240, SAMPLES);
        for (int k = 1; k < 100; k++) {
            send(k, k == 2 || k == 9 ? onTime(k) - 160 : onTime(k));
        }
        assertThat(aligner.driftCorrection()).isEqualTo(-240);
    }
}
