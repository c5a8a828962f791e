package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sotto.TestPhones.Connected;
import io.sotto.testkit.WavFile;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.CallState;
import io.sotto.testkit.phone.Codec;
import io.sotto.testkit.phone.Direction;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.Received;
import io.sotto.testkit.phone.SipReply;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;
import io.sotto.testkit.phone.ToneDetector;

/**
 * JAIN-SIP test phones as the carrier and the PBX with Sotto between them: in-dialog requests,
 * topology hiding, routing by peer kind, timeouts, and the recording's alignment measured with
 * clicks both phones send at the same instant.
 */
class PhonesThroughSottoTest extends CallsThroughSotto {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** One packet: phones pace in 20 ms slots of their own, so a click can only be placed that closely. */
    private static final double ONE_PACKET_SECONDS = 0.02;

    @Test
    void hidesEachLegsAddressesAndIdentifiersFromTheOther() {
        sotto = SottoUnderTest.start(dir);
        TestPhone carrier = carrier();
        Connected call = connect(carrier, pbx(), InviteOptions.defaults().from("+15550199"), AnswerOptions.defaults());

        var invite = call.callee().invite();
        assertThat(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId()).isNotEqualTo(call.caller().callId());
        assertThat(invite.getHeaders(ViaHeader.NAME)).toIterable().hasSize(1)
                .allSatisfy(via -> assertThat(((ViaHeader) via).getPort()).isEqualTo(sotto.sipPort()));
        assertThat(((ContactHeader) invite.getHeader(ContactHeader.NAME)).getAddress().getURI().toString())
                .contains(LOOPBACK + ":" + sotto.sipPort());
        assertThat(invite.toString()).doesNotContain(":" + carrier.port()).doesNotContain(call.caller().callId());
        assertThat(call.callee().remoteRtpAddress().getPort()).isNotEqualTo(call.caller().localRtpPort());
        assertThat(call.caller().remoteRtpAddress().getPort()).isNotEqualTo(call.callee().localRtpPort());
        assertThat(call.caller().remoteSdp().text()).doesNotContain(Integer.toString(call.callee().localRtpPort()));
        assertThat(call.callee().remoteSdp().formats()).containsExactlyElementsOf(call.caller().localSdp().formats());
    }

    @Test
    void acksTheCalleesAnswerAgainEachTimeItIsRetransmitted() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect(carrier(), pbx(), InviteOptions.defaults(), AnswerOptions.defaults());
        call.callee().awaitRequest("ACK", WAIT);

        // RFC 3261 section 13.2.2.4: every retransmission of the 2xx gets the ACK again, though the
        // INVITE's client transaction ended with the first
        call.callee().resendFinalResponse();
        call.callee().awaitRequests("ACK", 2, WAIT);
        call.callee().resendFinalResponse();
        List<Received> acks = call.callee().awaitRequests("ACK", 3, WAIT);

        assertThat(acks).extracting(ack -> ((CSeqHeader) ack.message().getHeader(CSeqHeader.NAME)).getSeqNumber())
                .containsOnly(((CSeqHeader) call.callee().invite().getHeader(CSeqHeader.NAME)).getSeqNumber());
        assertThat(call.caller().received()).extracting(Received::status).filteredOn(status -> status == 200)
                .as("the caller's 2xx is not sent again for the callee's retransmission").hasSize(1);
    }

    @Test
    void relaysInfoAndReinviteHoldInsideTheDialogAndAnswersOptionsItself() {
        sotto = SottoUnderTest.start(dir);
        TestPhone carrier = carrier();
        Connected call = connect(carrier, pbx(), InviteOptions.defaults(), AnswerOptions.defaults());

        SipReply info = call.caller().info("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");
        assertThat(info.status()).isEqualTo(200);
        assertThat(call.callee().awaitRequest("INFO", WAIT).body()).isEqualTo("Signal=5\r\nDuration=160\r\n");

        SipReply hold = call.callee().reinvite(Direction.SENDONLY);
        assertThat(hold.status()).isEqualTo(200);
        assertThat(call.caller().remoteSdp().direction()).isEqualTo(Direction.SENDONLY);
        assertThat(call.callee().remoteSdp().direction()).isEqualTo(Direction.RECVONLY);
        SipReply unhold = call.callee().reinvite(Direction.SENDRECV);
        assertThat(unhold.status()).isEqualTo(200);
        assertThat(call.caller().remoteSdp().direction()).isEqualTo(Direction.SENDRECV);

        call.caller().rtp().sendTone(700, Duration.ofMillis(300));
        call.callee().rtpReceiver().awaitTone(700, WAIT);
        call.callee().rtp().sendTone(1300, Duration.ofMillis(300));
        call.caller().rtpReceiver().awaitTone(1300, WAIT);

        assertThat(carrier.options("sip:sotto@" + LOOPBACK + ":" + sotto.sipPort()).status()).isEqualTo(200);
        assertThat(call.callee().bye().status()).isEqualTo(200);
        call.caller().awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void alignsBothChannelsWhenOneSideStartsLateAndLosesPackets() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect(carrier(), pbx(), InviteOptions.defaults(), AnswerOptions.defaults());

        Instant clickAt = Instant.now().plusMillis(1500);
        call.callee().rtp().sendTone(1500, Duration.ofMillis(2500));
        call.caller().rtp().sendSilence(Duration.ofMillis(600)).skipPackets(10).sendTone(500, Duration.ofMillis(1500));
        var callerClick = call.caller().rtp().sendClickAt(clickAt);
        var calleeClick = call.callee().rtp().sendClickAt(clickAt);
        call.caller().rtp().awaitIdle(WAIT);
        call.callee().rtp().awaitIdle(WAIT);
        long callerSentNanos = callerClick.join().sentNanos();
        long calleeSentNanos = calleeClick.join().sentNanos();
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);

        WavFile wav = RecordedAudio.read(sotto.onlyWav()).wav();
        short[] left = wav.channel(0);
        short[] right = wav.channel(1);
        double callerClickSeconds = loudestSample(left) / 8000.0;
        double calleeClickSeconds = loudestSample(right) / 8000.0;
        double sentApart = (callerSentNanos - calleeSentNanos) / 1e9;
        assertThat(callerClickSeconds - calleeClickSeconds)
                .as("clicks sent %.3f s apart are %.3f s (left) and %.3f s (right) into the file",
                        sentApart, callerClickSeconds, calleeClickSeconds)
                .isCloseTo(sentApart, within(ONE_PACKET_SECONDS));
        assertThat(ToneDetector.hasTone(slice(left, 0.0, 0.5), 500)).isFalse();
        assertThat(ToneDetector.hasTone(slice(right, 0.1, 0.5), 1500)).isTrue();
    }

    @Test
    void placesACallFromThePbxToAnExternalNumberAsOutboundWithTheCallerAsAgent() {
        sotto = SottoUnderTest.start(dir, "users=[{id: alice, extension: '1001'}]");
        TestPhone trunk = phones.carrier(sotto, "carrier");
        TestPhone pbx = phones.pbx(sotto, "1001");

        TestCall outgoing = pbx.invite("sip:+15557654321@" + LOOPBACK + ":" + sotto.sipPort(),
                InviteOptions.defaults().from("1001"));
        TestCall atCarrier = trunk.awaitIncoming(WAIT);
        atCarrier.answer();
        outgoing.awaitState(CallState.CONFIRMED, WAIT);
        outgoing.rtp().sendTone(600, Duration.ofMillis(400));
        outgoing.rtp().awaitIdle(WAIT);
        assertThat(atCarrier.bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);

        JsonNode metadata = SottoUnderTest.metadataOf(sotto.onlyWav());
        assertThat(metadata.path("direction").asText()).isEqualTo("outbound");
        assertThat(metadata.path("caller").asText()).isEqualTo("1001");
        assertThat(metadata.path("callee").asText()).isEqualTo("+15557654321");
        assertThat(metadata.path("agents").toString()).contains("alice");
    }

    @Test
    void doesNotRecordAnInternalCallWhenTheCompanyRecordsNoInternalCalls() {
        sotto = SottoUnderTest.start(dir, "users=[{id: alice, extension: '1001'}, {id: bob, extension: '1002'}]");
        TestPhone pbx = pbx();

        TestCall outgoing = pbx.invite("sip:1002@" + LOOPBACK + ":" + sotto.sipPort(), InviteOptions.defaults().from("1001"));
        TestCall incoming = pbx.awaitIncoming(WAIT);
        incoming.answer();
        outgoing.awaitState(CallState.CONFIRMED, WAIT);
        assertThat(outgoing.bye().status()).isEqualTo(200);

        sotto.awaitNothingHeld(SETTLE);
        assertThat(sotto.wavFiles()).isEmpty();
    }

    @Test
    void writesAnALawCallAsG711ALawWhenTheFormatIsG711() {
        sotto = SottoUnderTest.start(dir, "recording.format=g711");
        Connected call = connect(carrier(), pbx(), InviteOptions.defaults().codecs(Codec.PCMA, Codec.TELEPHONE_EVENT),
                AnswerOptions.defaults());

        // A second each, so that the check does not hang on how soon after the answer the fork starts in a
        // fresh JVM (docs/recording.md, "Threads and allocation": about 10 ms, a tenth of a second before).
        call.caller().rtp().sendTone(800, Duration.ofSeconds(1));
        call.callee().rtp().sendTone(1800, Duration.ofSeconds(1));
        call.caller().rtp().awaitIdle(WAIT);
        call.callee().rtp().awaitIdle(WAIT);
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);

        RecordedAudio audio = RecordedAudio.read(sotto.onlyWav());
        WavFile wav = audio.wav();
        assertThat(wav.formatCode()).isEqualTo(6);
        assertThat(wav.bitsPerSample()).isEqualTo(8);
        assertThat(wav.factFrames()).isEqualTo(wav.frames());
        // Window by window, so that what is checked is the A-law path, not that the tones hold no seam.
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {800}))
                .as("caller runs %s", audio.callerRuns()).isGreaterThan(0.5);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {1800})).isZero();
        assertThat(RecordedAudio.secondsOf(audio.calleeRuns(), new double[] {1800}))
                .as("callee runs %s", audio.calleeRuns()).isGreaterThan(0.5);
    }

    @Test
    void refusesAnOfferWithNoConfiguredCodecWith488() {
        sotto = SottoUnderTest.start(dir, "media.codecs=[PCMU, telephone-event]");
        TestPhone carrier = carrier();
        pbx();

        TestCall call = carrier.invite(sottoUri("+15550100"), InviteOptions.defaults().codecs(Codec.PCMA));

        assertThat(call.awaitFinalResponse(WAIT).status()).isEqualTo(488);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void answers408AndFreesEveryPortWhenTheCalleeNeverAnswers() throws SocketException {
        sotto = SottoUnderTest.start(dir);
        TestPhone carrier = carrier();
        try (DatagramSocket deafPbx = new DatagramSocket(new InetSocketAddress(LOOPBACK, sotto.pbxPort()))) {
            TestCall call = carrier.invite(sottoUri("+15550100"));
            deafPbx.receive(new DatagramPacket(new byte[4096], 4096));

            SipReply reply = call.awaitFinalResponse(Duration.ofSeconds(40));

            assertThat(reply.status()).isEqualTo(408);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void endsEveryCallWithByeOnBothLegsWhenSottoStops() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect(carrier(), pbx(), InviteOptions.defaults(), AnswerOptions.defaults());
        call.caller().rtp().sendTone(500, Duration.ofMillis(300));
        call.caller().rtp().awaitIdle(WAIT);

        sotto.close();
        Path wav = sotto.onlyWav();
        sotto = null;

        call.caller().awaitBye(WAIT);
        call.callee().awaitBye(WAIT);
        assertThat(SottoUnderTest.metadataOf(wav).path("endReason").asText()).isEqualTo("hangup");
    }

    private TestPhone carrier() {
        return phones.carrier(sotto, "carrier");
    }

    private TestPhone pbx() {
        return phones.pbx(sotto, "pbx");
    }

    private String sottoUri(String user) {
        return TestPhones.uri(sotto, user);
    }

    private Connected connect(TestPhone from, TestPhone to, InviteOptions invite, AnswerOptions answer) {
        return TestPhones.connect(sotto, from, to, "+15550100", invite, answer);
    }

    private static int loudestSample(short[] samples) {
        int at = 0;
        for (int i = 1; i < samples.length; i++) {
            if (Math.abs(samples[i]) > Math.abs(samples[at])) {
                at = i;
            }
        }
        return at;
    }

    private static short[] slice(short[] samples, double fromSeconds, double toSeconds) {
        int from = (int) (fromSeconds * 8000);
        int to = Math.min(samples.length, (int) (toSeconds * 8000));
        short[] out = new short[to - from];
        System.arraycopy(samples, from, out, 0, out.length);
        return out;
    }
}
