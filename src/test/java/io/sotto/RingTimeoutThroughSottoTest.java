package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.sotto.TestPhones.Connected;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.CallState;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.Received;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;

/**
 * {@code sip.ring_timeout} (here 2 s) over real SIP and RTP: a transfer's target that rings
 * without answering is cancelled, the transferor hears a NOTIFY with 408, and the customer still
 * hears the agent. The signalling of every ring timeout, and timer B, is tested on the conductor
 * without sockets (io.sotto.sip.CallEndingsTest, BlindTransferTest).
 */
class RingTimeoutThroughSottoTest extends CallsThroughSotto {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The ring timeout and some room. */
    private static final Duration RING_WAIT = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    void givesUpATransferTargetThatRingsPastTheRingTimeoutAndKeepsTheCall() {
        sotto = SottoUnderTest.start(dir, "sip.ring_timeout=2",
                "users=[{id: bob, extension: '1001', role: agent}, {id: carol, extension: '1002', role: agent}]");
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = TestPhones.connect(sotto, phones.carrier(sotto, "customer"), pbx, "+15550100",
                InviteOptions.defaults().from("+15550199"), AnswerOptions.defaults().contactUser("1001"));

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        target.ringing();
        Received last = call.callee().awaitNotify("408", RING_WAIT);

        assertThat(last.body()).isEqualTo("SIP/2.0 408 Request Timeout\r\n");
        assertThat(last.header("Subscription-State")).startsWith("terminated");
        target.awaitRequest("CANCEL", WAIT);
        target.awaitState(CallState.TERMINATED, WAIT);
        call.caller().rtpReceiver().clear();
        call.caller().rtp().sendTone(600, Duration.ofMillis(1200));
        call.callee().rtp().sendTone(1600, Duration.ofMillis(1200));
        assertThat(call.caller().rtpReceiver().awaitTone(1600, WAIT)).as("the customer still hears 1001").isNotEmpty();
        assertThat(call.callee().received()).noneMatch(received -> "BYE".equals(received.method()));
        assertThat(call.caller().bye().status()).isEqualTo(200);
        call.callee().awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
        assertThat(SottoUnderTest.metadataOf(sotto.onlyWav()).path("endReason").asText()).isEqualTo("hangup");
    }
}
