package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.sotto.testkit.LoopbackPorts;
import io.sotto.testkit.Scenarios;
import io.sotto.testkit.Sipp;
import io.sotto.testkit.SippAssumptions;
import io.sotto.testkit.SippResult;
import io.sotto.testkit.ToneAudio;
import io.sotto.testkit.Transport;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.CallState;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;
import io.sotto.testkit.phone.ToneDetector;

/**
 * The {@code sipp-scenarios/blind-transfer} flow through Sotto: the PBX agent 1001 (SIPp)
 * transfers the customer to 1002 (the same SIPp, which plays every PBX party: Sotto sends all
 * calls to the one PBX address). The agent streams the callee tones, the target the caller
 * tones, so the callee channel of each recording says who was on it. The UAS scenario itself
 * checks the 202 and the NOTIFY sequence (Event, sipfrag, Subscription-State). Whether the
 * customer hears the target is checked with a JAIN-SIP phone as the customer, since SIPp's
 * rtp_stream does not read what it receives.
 */
class SippTransferThroughSottoTest {
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SottoUnderTest sotto;

    @BeforeEach
    void startSotto() {
        SippAssumptions.requireSipp();
        sotto = SottoUnderTest.start(dir, "users=[{id: alice, extension: '1001'}, {id: bob, extension: '1002'}]");
    }

    @AfterEach
    void stopSotto() {
        if (sotto != null) {
            sotto.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void endsTheFirstRecordingAtTheTransferAndRecordsTheTargetInALinkedOne(Transport transport) throws IOException {
        int[] media = LoopbackPorts.freeMediaPorts(2);
        SippResult customer;
        SippResult pbx;
        try (Sipp uas = pbx(media[1], transport)) {
            uas.awaitListening(LISTEN_TIMEOUT);
            try (Sipp uac = Sipp.scenario(Scenarios.file("blind-transfer", "uac.xml"))
                    .remote(LOOPBACK, sotto.sipPort()).local(LOOPBACK, sotto.trunkPort()).media(LOOPBACK, media[0])
                    .transport(transport).service("+15550100").calls(1).globalTimeout(CALL_TIMEOUT).logDir(dir.resolve("uac-" + transport)).start()) {
                customer = uac.awaitExit(CALL_TIMEOUT);
            }
            pbx = uas.awaitExit(LISTEN_TIMEOUT);
        }

        assertThat(customer.succeeded()).as("UAC: " + customer.summary()).isTrue();
        assertThat(pbx.succeeded()).as("UAS (agent and target): " + pbx.summary()).isTrue();
        assertThat(pbx.messages()).contains("SIP/2.0 202 Accepted", "Event: refer",
                "Content-Type: message/sipfrag", "SIP/2.0 100 Trying", "Subscription-State: terminated");
        sotto.awaitNothingHeld(SETTLE);
        List<Path> wavs = sotto.wavFiles();
        assertThat(wavs).hasSize(2);

        RecordedAudio first = RecordedAudio.read(wavs.get(0));
        // 3 s of talk after the answer, then the REFER and the target's 300 ms of ringing
        assertThat(first.wav().durationSeconds()).isBetween(2.9, 4.0);
        assertThat(RecordedAudio.secondsOf(first.callerRuns(), ToneAudio.CALLER_TONES)).isGreaterThan(2.5);
        assertThat(RecordedAudio.secondsOf(first.calleeRuns(), ToneAudio.CALLEE_TONES)).isGreaterThan(2.5);
        assertThat(RecordedAudio.secondsOf(first.calleeRuns(), ToneAudio.CALLER_TONES))
                .as("the target's tones in the recording that ended at the transfer").isZero();
        RecordedAudio second = RecordedAudio.read(wavs.get(1));
        assertThat(RecordedAudio.secondsOf(second.calleeRuns(), ToneAudio.CALLER_TONES)).isGreaterThan(2.0);
        assertThat(RecordedAudio.secondsOf(second.calleeRuns(), ToneAudio.CALLEE_TONES))
                .as("the transferor's tones after the transfer").isZero();
        assertThat(RecordedAudio.secondsOf(second.callerRuns(), ToneAudio.CALLER_TONES)).isGreaterThan(2.0);

        JsonNode firstMetadata = SottoUnderTest.metadataOf(wavs.get(0));
        JsonNode secondMetadata = SottoUnderTest.metadataOf(wavs.get(1));
        assertThat(firstMetadata.path("endReason").asText()).isEqualTo("transferred");
        assertThat(firstMetadata.path("events")).extracting(event -> event.path("to").asText() + "/"
                + event.path("how").asText()).containsExactly("recording/policy", "ended/transfer");
        assertThat(firstMetadata.path("agents")).extracting(JsonNode::asText).containsExactly("alice");
        assertThat(secondMetadata.path("agents")).extracting(JsonNode::asText).containsExactly("bob");
        assertThat(secondMetadata.path("endReason").asText()).isEqualTo("hangup");
        assertThat(firstMetadata.path("linkedRecordings")).extracting(JsonNode::asText)
                .containsExactly(secondMetadata.path("recordingId").asText());
        assertThat(secondMetadata.path("linkedRecordings")).extracting(JsonNode::asText)
                .containsExactly(firstMetadata.path("recordingId").asText());
        assertThat(firstMetadata.path("sipCallIds").get(0).asText())
                .isEqualTo(secondMetadata.path("sipCallIds").get(0).asText());
        assertThat(firstMetadata.path("sipCallIds").get(1).asText())
                .isNotEqualTo(secondMetadata.path("sipCallIds").get(1).asText());
    }

    @Test
    void letsTheCustomerHearTheTargetAndNoLongerTheTransferor() throws IOException {
        int[] media = LoopbackPorts.freeMediaPorts(1);
        SippResult pbx;
        try (Sipp uas = pbx(media[0], Transport.UDP);
             TestPhone phone = TestPhone.start("customer", LOOPBACK, sotto.trunkPort(), "udp")) {
            uas.awaitListening(LISTEN_TIMEOUT);
            TestCall call = phone.invite(TestPhones.uri(sotto, "+15550100"), InviteOptions.defaults().from("+15550199"));
            call.awaitState(CallState.CONFIRMED, WAIT);
            call.rtp().sendTone(400, Duration.ofMillis(6000));
            assertThat(call.rtpReceiver().awaitTone(1400, WAIT)).as("the agent before the transfer").isNotEmpty();

            call.awaitRequest("INVITE", WAIT);
            call.rtpReceiver().clear();

            short[] heard = call.rtpReceiver().awaitTone(400, WAIT);
            for (double agentTone : ToneAudio.CALLEE_TONES) {
                assertThat(ToneDetector.hasTone(heard, agentTone)).as("%s Hz after the transfer", agentTone).isFalse();
            }
            assertThat(call.bye().status()).isEqualTo(200);
            pbx = uas.awaitExit(LISTEN_TIMEOUT);
            assertThat(phone.errors()).isEmpty();
        }

        assertThat(pbx.succeeded()).as("UAS (agent and target): " + pbx.summary()).isTrue();
        sotto.awaitNothingHeld(SETTLE);
    }

    /** The PBX: one SIPp for the agent who transfers and the target, on the pbx peer's port. */
    private Sipp pbx(int mediaPort, Transport transport) throws IOException {
        return Sipp.scenario(Scenarios.file("blind-transfer", "uas.xml"))
                .local(LOOPBACK, sotto.pbxPort()).media(LOOPBACK, mediaPort).transport(transport)
                .service("1001").calls(2).globalTimeout(CALL_TIMEOUT).logDir(dir.resolve("uas-" + transport)).start();
    }
}
