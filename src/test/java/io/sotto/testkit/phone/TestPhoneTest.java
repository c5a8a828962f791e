package io.sotto.testkit.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two (or three) test phones calling each other directly over loopback, no Sotto in between. */
class TestPhoneTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String LOOPBACK = "127.0.0.1";

    private final List<TestPhone> phones = new ArrayList<>();

    private record Connected(TestCall outgoing, TestCall incoming) {
    }

    @AfterEach
    void closePhones() {
        try {
            for (TestPhone phone : phones) {
                assertThat(phone.errors()).as("errors inside phone " + phone.name()).isEmpty();
            }
        } finally {
            TestPhone.closeAll(phones);
        }
    }

    @Test
    void shouldRingAnswerAndConfirmOnBothSides() {
        TestPhone caller = phone("caller", "udp");
        TestPhone callee = phone("1001", "udp");

        TestCall call = caller.invite(callee.uri(), InviteOptions.defaults().from("+15551234").pai("+15551234"));
        TestCall incoming = callee.awaitIncoming(WAIT);
        incoming.ringing();
        call.awaitState(CallState.EARLY, WAIT);
        incoming.answer();

        call.awaitState(CallState.CONFIRMED, WAIT);
        incoming.awaitState(CallState.CONFIRMED, WAIT);
        assertThat(call.awaitFinalResponse(WAIT).status()).isEqualTo(200);
        assertThat(incoming.callId()).isEqualTo(call.callId());
        assertThat(incoming.invite().getHeader("From").toString()).contains("sip:+15551234@");
        assertThat(SipText.header(incoming.invite(), "P-Asserted-Identity")).isEqualTo("<sip:+15551234@127.0.0.1>");
        assertThat(call.received()).extracting(Received::status).contains(180, 200);
        assertThat(call.remoteRtpAddress().getPort()).isEqualTo(incoming.localRtpPort());
        assertThat(incoming.remoteRtpAddress().getPort()).isEqualTo(call.localRtpPort());
        assertThat(call.remoteSdp().formats()).containsExactly(SdpFormat.PCMU, SdpFormat.PCMA, SdpFormat.telephoneEvent(101));
    }

    @Test
    void shouldHearTheOtherPartysToneInBothDirections() {
        Connected connected = connect(phone("caller", "udp"), phone("callee", "udp"), InviteOptions.defaults());

        connected.outgoing().rtp().sendTone(1000, Duration.ofMillis(400));
        connected.incoming().rtp().sendTone(600, Duration.ofMillis(400));

        short[] heardByCallee = connected.incoming().rtpReceiver().awaitTone(1000, WAIT);
        short[] heardByCaller = connected.outgoing().rtpReceiver().awaitTone(600, WAIT);
        assertThat(ToneDetector.hasTone(heardByCallee, 600)).isFalse();
        assertThat(ToneDetector.hasTone(heardByCaller, 1000)).isFalse();
        connected.outgoing().rtp().awaitIdle(WAIT);
        assertThat(connected.outgoing().rtp().sent()).hasSize(20).allMatch(packet -> packet.payloadType() == 0);
    }

    @Test
    void shouldDeliverInfoWithRecordingControlHeaderAndReturnTheResponse() {
        Connected connected = connect(phone("agent", "udp"), phone("pbx", "udp"), InviteOptions.defaults());

        SipReply control = connected.outgoing().info(Map.of("Recording-Control", "pause;reason=\"card\""), null, null);
        SipReply relay = connected.outgoing().info("application/dtmf-relay", "Signal=1\r\nDuration=160\r\n");

        assertThat(control.status()).isEqualTo(200);
        assertThat(control.reason()).isEqualTo("OK");
        assertThat(relay.status()).isEqualTo(200);
        // the callee records a request after answering it: the second 200 can come before the record
        List<Received> infos = connected.incoming().awaitRequests("INFO", 2, WAIT);
        assertThat(infos.get(0).header("Recording-Control")).isEqualTo("pause;reason=\"card\"");
        assertThat(infos).extracting(Received::body).containsExactly("", "Signal=1\r\nDuration=160\r\n");
    }

    @Test
    void shouldHoldAndResumeWithReinvite() {
        Connected connected = connect(phone("caller", "udp"), phone("callee", "udp"), InviteOptions.defaults());

        SipReply hold = connected.outgoing().reinvite(Direction.SENDONLY);

        assertThat(hold.status()).isEqualTo(200);
        assertThat(connected.incoming().remoteSdp().direction()).isEqualTo(Direction.SENDONLY);
        assertThat(connected.incoming().localSdp().direction()).isEqualTo(Direction.RECVONLY);
        assertThat(connected.outgoing().remoteSdp().direction()).isEqualTo(Direction.RECVONLY);

        SipReply resume = connected.outgoing().reinvite(Direction.SENDRECV);

        assertThat(resume.status()).isEqualTo(200);
        assertThat(connected.outgoing().remoteSdp().direction()).isEqualTo(Direction.SENDRECV);
        connected.incoming().awaitRequests("ACK", 3, WAIT);
        connected.outgoing().rtp().sendTone(1000, Duration.ofMillis(200));
        connected.incoming().rtpReceiver().awaitTone(1000, WAIT);
    }

    @Test
    void shouldTakeTheOfferFromTheAnswerToAReinviteWithoutSdp() {
        Connected connected = connect(phone("caller", "udp"), phone("callee", "udp"), InviteOptions.defaults());
        connected.incoming().reinvite(Direction.SENDONLY);

        SipReply bridge = connected.outgoing().reinviteWithoutSdp();

        assertThat(bridge.status()).isEqualTo(200);
        assertThat(Sdp.parse(bridge.body()).direction()).isEqualTo(Direction.SENDRECV);
        Received ack = connected.incoming().awaitRequests("ACK", 2, WAIT).get(1);
        assertThat(Sdp.parse(ack.body()).direction()).isEqualTo(Direction.SENDRECV);
        assertThat(connected.incoming().remoteSdp().text()).isEqualTo(ack.body());
        connected.incoming().rtp().sendTone(1000, Duration.ofMillis(200));
        connected.outgoing().rtpReceiver().awaitTone(1000, WAIT);
    }

    @Test
    void shouldPlayEarlyMediaFromSessionProgressBeforeTheAnswer() {
        TestPhone caller = phone("caller", "udp");
        TestPhone callee = phone("callee", "udp");
        TestCall call = caller.invite(callee.uri());
        TestCall incoming = callee.awaitIncoming(WAIT);

        incoming.sessionProgress();
        call.awaitState(CallState.EARLY, WAIT);
        incoming.rtp().sendTone(425, Duration.ofMillis(300));

        call.rtpReceiver().awaitTone(425, WAIT);
        assertThat(call.state()).isEqualTo(CallState.EARLY);
        assertThat(call.received()).extracting(Received::status).contains(183);
        incoming.answer();
        call.awaitState(CallState.CONFIRMED, WAIT);
        assertThat(call.remoteSdp().text()).isEqualTo(incoming.localSdp().text());
    }

    @Test
    void shouldEndCallWithByeFromCaller() {
        Connected connected = connect(phone("caller", "udp"), phone("callee", "udp"), InviteOptions.defaults());

        SipReply bye = connected.outgoing().bye();

        assertThat(bye.status()).isEqualTo(200);
        connected.incoming().awaitBye(WAIT);
        connected.incoming().awaitState(CallState.TERMINATED, WAIT);
        assertThat(connected.incoming().endReason()).isEqualTo("BYE received");
        assertThat(connected.outgoing().state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void shouldEndCallWithByeFromCallee() {
        Connected connected = connect(phone("caller", "udp"), phone("callee", "udp"), InviteOptions.defaults());

        SipReply bye = connected.incoming().bye();

        assertThat(bye.status()).isEqualTo(200);
        connected.outgoing().awaitBye(WAIT);
        connected.outgoing().awaitState(CallState.TERMINATED, WAIT);
        assertThat(connected.incoming().endReason()).startsWith("BYE sent, answered 200");
    }

    @Test
    void shouldEndRingingCallWith487WhenCancelled() {
        TestPhone caller = phone("caller", "udp");
        TestPhone callee = phone("callee", "udp");
        TestCall call = caller.invite(callee.uri());
        TestCall incoming = callee.awaitIncoming(WAIT);
        incoming.ringing();

        SipReply cancel = call.cancel();

        assertThat(cancel.status()).isEqualTo(200);
        SipReply finalResponse = call.awaitFinalResponse(WAIT);
        assertThat(finalResponse.status()).isEqualTo(487);
        call.awaitState(CallState.TERMINATED, WAIT);
        incoming.awaitState(CallState.TERMINATED, WAIT);
        assertThat(incoming.endReason()).isEqualTo("CANCEL received");
        assertThat(incoming.awaitRequest("CANCEL", WAIT).method()).isEqualTo("CANCEL");
    }

    @Test
    void shouldRejectWithBusyHere() {
        TestPhone caller = phone("caller", "udp");
        TestPhone callee = phone("callee", "udp");
        TestCall call = caller.invite(callee.uri());

        callee.awaitIncoming(WAIT).reject(486);

        SipReply busy = call.awaitFinalResponse(WAIT);
        assertThat(busy.status()).isEqualTo(486);
        assertThat(busy.reason()).isEqualToIgnoringCase("Busy Here");
        call.awaitState(CallState.TERMINATED, WAIT);
        assertThat(call.endReason()).startsWith("INVITE answered 486");
    }

    @Test
    void shouldCarryOutBlindTransferAndReportItInNotify() {
        TestPhone transferor = phone("transferor", "udp");
        TestPhone transferee = phone("transferee", "udp");
        TestPhone target = phone("2000", "udp");
        Connected connected = connect(transferor, transferee, InviteOptions.defaults());

        SipReply refer = connected.outgoing().refer(target.uri());

        assertThat(refer.status()).isEqualTo(202);
        TestCall atTarget = target.awaitIncoming(WAIT);
        atTarget.answer();
        Received trying = connected.outgoing().awaitNotify("SIP/2.0 100 Trying", WAIT);
        Received done = connected.outgoing().awaitNotify("SIP/2.0 200 OK", WAIT);
        assertThat(trying.header("Event")).startsWith("refer");
        assertThat(trying.header("Subscription-State")).startsWith("active");
        assertThat(done.header("Subscription-State")).startsWith("terminated");
        assertThat(done.header("Content-Type")).startsWith("message/sipfrag");
        assertThat(connected.outgoing().notifyBodies()).containsExactly("SIP/2.0 100 Trying\r\n", "SIP/2.0 200 OK\r\n");
        TestCall transferred = connected.incoming().awaitReferredCall(WAIT);
        transferred.awaitState(CallState.CONFIRMED, WAIT);
        assertThat(atTarget.callId()).isEqualTo(transferred.callId());
        assertThat(connected.incoming().awaitRequest("REFER", WAIT).header("Refer-To")).contains(target.uri());
    }

    @Test
    void shouldReportRefusedTransferTargetInNotify() {
        TestPhone transferor = phone("transferor", "udp");
        TestPhone transferee = phone("transferee", "udp");
        TestPhone target = phone("2000", "udp");
        Connected connected = connect(transferor, transferee, InviteOptions.defaults());

        connected.outgoing().refer(target.uri());
        target.awaitIncoming(WAIT).reject(486);

        Received busy = connected.outgoing().awaitNotify("SIP/2.0 486", WAIT);
        assertThat(busy.header("Subscription-State")).startsWith("terminated");
    }

    @Test
    void shouldReplaceConsultationCallInAttendedTransfer() {
        TestPhone transferor = phone("transferor", "udp");
        TestPhone transferee = phone("transferee", "udp");
        TestPhone target = phone("2000", "udp");
        Connected original = connect(transferor, transferee, InviteOptions.defaults());
        Connected consultation = connect(transferor, target, InviteOptions.defaults());

        SipReply refer = original.outgoing().referReplacing(target.uri(), consultation.outgoing());

        assertThat(refer.status()).isEqualTo(202);
        TestCall replacing = target.awaitIncoming(WAIT);
        assertThat(SipText.header(replacing.invite(), "Replaces"))
                .startsWith(consultation.outgoing().callId())
                .contains("to-tag=" + consultation.incoming().dialog().getLocalTag())
                .contains("from-tag=" + consultation.outgoing().dialog().getLocalTag());
        replacing.answer();
        original.outgoing().awaitNotify("SIP/2.0 200 OK", WAIT);
        consultation.outgoing().awaitBye(WAIT);
        consultation.incoming().awaitState(CallState.TERMINATED, WAIT);
        replacing.awaitState(CallState.CONFIRMED, WAIT);
    }

    @Test
    void shouldCarryWholeCallOverTcp() {
        TestPhone caller = phone("caller", "tcp");
        TestPhone callee = phone("callee", "tcp");
        Connected connected = connect(caller, callee, InviteOptions.defaults());

        connected.outgoing().rtp().sendTone(1000, Duration.ofMillis(200));
        connected.incoming().rtpReceiver().awaitTone(1000, WAIT);
        SipReply info = connected.outgoing().info("application/dtmf", "5");
        SipReply bye = connected.incoming().bye();

        assertThat(info.status()).isEqualTo(200);
        assertThat(bye.status()).isEqualTo(200);
        connected.outgoing().awaitState(CallState.TERMINATED, WAIT);
        assertThat(callee.received()).allSatisfy(received ->
                assertThat(((ViaHeader) received.message().getHeader(ViaHeader.NAME)).getTransport()).isEqualToIgnoringCase("TCP"));
        assertThat(caller.received()).allSatisfy(received ->
                assertThat(((ViaHeader) received.message().getHeader(ViaHeader.NAME)).getTransport()).isEqualToIgnoringCase("TCP"));
    }

    @Test
    void shouldNegotiateDelayedOfferWithAnswerInAck() {
        TestPhone caller = phone("caller", "udp");
        TestPhone callee = phone("callee", "udp");

        Connected connected = connect(caller, callee, InviteOptions.defaults().withoutSdp().codecs(Codec.PCMA, Codec.TELEPHONE_EVENT));

        assertThat(SipText.hasSdp(connected.incoming().invite())).isFalse();
        Received ack = connected.incoming().awaitRequest("ACK", WAIT);
        assertThat(Sdp.parse(ack.body()).formats()).containsExactly(SdpFormat.PCMA, SdpFormat.telephoneEvent(101));
        connected.incoming().rtp().sendTone(800, Duration.ofMillis(200));
        connected.outgoing().rtpReceiver().awaitTone(800, WAIT);
        assertThat(connected.outgoing().rtpReceiver().packets()).allMatch(packet -> packet.payloadType() == 8);
    }

    @Test
    void shouldSendDtmfWithTheOfferedTelephoneEventTypeAndThreeEndPackets() {
        Connected connected = connect(phone("caller", "udp"), phone("callee", "udp"),
                InviteOptions.defaults().telephoneEvent(96));

        connected.outgoing().rtp().sendDtmf('5', Duration.ofMillis(100));
        connected.outgoing().rtp().sendDtmfDigits("#11#", Duration.ofMillis(60), Duration.ofMillis(60));

        connected.incoming().rtpReceiver().awaitDtmfDigits("5#11#", WAIT);
        List<DtmfEvent> events = connected.incoming().rtpReceiver().dtmfEvents();
        assertThat(events.get(0).digit()).isEqualTo('5');
        assertThat(events.get(0).endPackets()).isEqualTo(3);
        assertThat(events.get(0).duration()).isEqualTo(800);
        assertThat(events.get(0).packets()).isEqualTo(4 + 3);
        assertThat(connected.incoming().rtpReceiver().packets()).allMatch(packet -> packet.payloadType() == 96);
        assertThat(connected.incoming().localSdp().telephoneEventPayloadType()).isEqualTo(96);
    }

    @Test
    void shouldAnswerOptionsOutsideADialog() {
        TestPhone pinger = phone("pinger", "udp");
        TestPhone peer = phone("peer", "udp");

        SipReply reply = pinger.options(peer.uri());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(peer.received()).extracting(Received::method).containsExactly("OPTIONS");
    }

    @Test
    void shouldReleasePortsAndEndThreadsOnClose() {
        long scannersBefore = liveThreads("EventScannerThread");
        TestPhone first = TestPhone.start("porter", LOOPBACK, 0, "udp");
        int port = first.port();
        TestPhone other = phone("other", "udp");
        TestCall call = first.invite(other.uri());
        other.awaitIncoming(WAIT).answer();
        call.awaitState(CallState.CONFIRMED, WAIT);
        call.rtp().silenceWhenIdle(true);
        String rtpThreadSuffix = "-" + call.localRtpPort();

        first.close();
        TestPhone again = TestPhone.start("porter", LOOPBACK, port, "tcp");
        phones.add(again);

        assertThat(again.port()).isEqualTo(port);
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("testphone-porter-rtp-") && name.endsWith(rtpThreadSuffix));
        TestPhone.closeAll(phones);
        new Waiter().await(() -> liveThreads("EventScannerThread") <= scannersBefore ? Boolean.TRUE : null, WAIT,
                () -> liveThreads("EventScannerThread") + " JAIN-SIP event scanner threads alive, " + scannersBefore + " before");
    }

    private static long liveThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name) && thread.isAlive()).count();
    }

    private TestPhone phone(String name, String transport) {
        TestPhone phone = TestPhone.start(name, LOOPBACK, 0, transport);
        phones.add(phone);
        return phone;
    }

    private static Connected connect(TestPhone caller, TestPhone callee, InviteOptions options) {
        TestCall call = caller.invite(callee.uri(), options);
        TestCall incoming = callee.awaitIncoming(WAIT);
        incoming.answer();
        call.awaitState(CallState.CONFIRMED, WAIT);
        incoming.awaitState(CallState.CONFIRMED, WAIT);
        return new Connected(call, incoming);
    }
}
