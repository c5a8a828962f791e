package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sotto.TestPhones.Connected;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.CallState;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.Received;
import io.sotto.testkit.phone.SipReply;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;

/**
 * Transfers through Sotto that end some other way than planned: a party hangs up while the
 * transfer waits on someone, a party answers a re-INVITE late or not at all. Whatever happens,
 * every leg ends or goes on cleanly, and nothing is held after (legs, ports, sessions, files).
 * The customer on the trunk calls agent 1001 on the PBX; 1002 is the transfer's target.
 */
class TransferEndingsThroughSottoTest extends CallsThroughSotto {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration TONE = Duration.ofMillis(1200);
    /** Four tries with up to 4 s between them. */
    private static final Duration GLARE_WAIT = Duration.ofSeconds(20);

    @Test
    void putsTheConsultedPartyBackOnItsOwnCallWhenTheCustomerHangsUpDuringAnAttendedTransfer() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        Connected consultationCall = TestPhones.consult(sotto, pbx, "1001", "1002");
        TestCall consultation = consultationCall.caller();
        TestCall consulted = consultationCall.callee();
        consulted.holdOffers();

        assertThat(call.callee().referReplacing(TestPhones.uri(sotto, "1002"), consultation).status()).isEqualTo(202);
        consulted.awaitRequests("INVITE", 2, WAIT);
        assertThat(call.caller().bye().status()).isEqualTo(200);
        call.callee().awaitBye(WAIT);
        consulted.releaseOffers();
        consulted.awaitRequests("INVITE", 3, WAIT);

        consultation.rtpReceiver().clear();
        consulted.rtpReceiver().clear();
        talk(consultation, consulted, 700, 1700);
        assertThat(consultation.rtpReceiver().awaitTone(1700, WAIT)).as("the agent hears 1002 again").isNotEmpty();
        assertThat(consulted.rtpReceiver().awaitTone(700, WAIT)).as("1002 hears the agent again").isNotEmpty();
        assertThat(consultation.received()).noneMatch(received -> "BYE".equals(received.method()));
        assertThat(consultation.bye().status()).isEqualTo(200);
        consulted.awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
        assertThat(SottoUnderTest.metadataOf(sotto.onlyWav()).path("endReason").asText()).isEqualTo("hangup");
    }

    @Test
    void endsTheConsultedPartysCallCleanlyWhenItHangsUpDuringAnAttendedTransfer() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        Connected consultationCall = TestPhones.consult(sotto, pbx, "1001", "1002");
        TestCall consultation = consultationCall.caller();
        TestCall consulted = consultationCall.callee();
        consulted.holdOffers();

        assertThat(call.callee().referReplacing(TestPhones.uri(sotto, "1002"), consultation).status()).isEqualTo(202);
        consulted.awaitRequests("INVITE", 2, WAIT);
        assertThat(consultation.bye().status()).isEqualTo(200);
        consulted.awaitBye(WAIT);
        Received last = call.callee().awaitNotify("487", WAIT);

        assertThat(last.header("Subscription-State")).startsWith("terminated");
        call.caller().rtpReceiver().clear();
        talk(call.caller(), call.callee(), 600, 1600);
        assertThat(call.caller().rtpReceiver().awaitTone(1600, WAIT)).as("the customer still hears 1001").isNotEmpty();
        assertThat(call.caller().bye().status()).isEqualTo(200);
        call.callee().awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void leavesNothingWhenTheCustomerHangsUpWhileAnInviteWithReplacesWaitsOnIt() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        call.caller().holdOffers();
        var dialog = call.callee().dialog();
        String replaces = call.callee().callId() + ";to-tag=" + dialog.getRemoteTag() + ";from-tag=" + dialog.getLocalTag();

        TestCall replacing = pbx.invite(TestPhones.uri(sotto, "+15550199"),
                InviteOptions.defaults().from("1002").header("Replaces", replaces));
        call.caller().awaitRequest("INVITE", WAIT);
        assertThat(call.caller().bye().status()).isEqualTo(200);

        assertThat(replacing.awaitFinalResponse(WAIT).status()).isGreaterThanOrEqualTo(400);
        call.callee().awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void cancelsTheRingingTargetWhenTheCustomerHangsUp() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        target.ringing();
        call.callee().awaitNotify("100 Trying", WAIT);
        assertThat(call.caller().bye().status()).isEqualTo(200);

        target.awaitRequest("CANCEL", WAIT);
        target.awaitState(CallState.TERMINATED, WAIT);
        call.callee().awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
        assertThat(call.callee().notifyBodies()).containsExactly("SIP/2.0 100 Trying\r\n");
    }

    @Test
    void hangsUpOnATargetThatAnswersAfterTheCustomerHasGone() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        assertThat(call.caller().bye().status()).isEqualTo(200);
        call.callee().awaitBye(WAIT);
        target.answer(AnswerOptions.defaults().contactUser("1002"));

        target.awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
        assertThat(sotto.wavFiles()).hasSize(1);
    }

    @Test
    void endsCleanlyWhenTheTransferorHangsUpAsTheTargetAnswers() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        SipReply bye = call.callee().bye();
        target.awaitState(CallState.CONFIRMED, WAIT);
        call.caller().awaitRequest("INVITE", WAIT);

        assertThat(bye.status()).isEqualTo(200);
        call.caller().rtpReceiver().clear();
        talk(call.caller(), target, 600, 1600);
        assertThat(call.caller().rtpReceiver().awaitTone(1600, WAIT)).isNotEmpty();
        assertThat(call.caller().bye().status()).isEqualTo(200);
        target.awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
        assertThat(sotto.wavFiles()).hasSize(2);
    }

    @Test
    void triesTheReInviteOfTheRemainingPartyAgainWhenItMeetsGlare() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        call.caller().refuseOffers(491, 1);

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        call.callee().awaitBye(WAIT);
        List<Received> reinvites = call.caller().awaitRequests("INVITE", 2, GLARE_WAIT);

        assertThat(reinvites.get(0).message().getHeader("CSeq").toString())
                .isNotEqualTo(reinvites.get(1).message().getHeader("CSeq").toString());
        call.caller().rtpReceiver().clear();
        talk(call.caller(), target, 600, 1600);
        assertThat(call.caller().rtpReceiver().awaitTone(1600, WAIT)).as("the customer hears the target").isNotEmpty();
        assertThat(target.rtpReceiver().awaitTone(600, WAIT)).as("the target hears the customer").isNotEmpty();
        assertThat(call.caller().received()).noneMatch(received -> "BYE".equals(received.method()));
        assertThat(call.caller().bye().status()).isEqualTo(200);
        target.awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void waitsAtLeastTwoPointOneSecondsAfterGlareOnADialogWhoseCallIdSottoChose() {
        start("company.record.internal=true");
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        call.callee().refuseOffers(491, 1);

        assertThat(call.caller().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        List<Received> invites = call.callee().awaitRequests("INVITE", 3, GLARE_WAIT);

        assertThat(Duration.between(invites.get(1).at(), invites.get(2).at()))
                .as("RFC 3261 section 14.1: the Call-ID's owner waits 2.1 to 4 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(2100));
        call.callee().rtpReceiver().clear();
        talk(target, call.callee(), 600, 1600);
        assertThat(call.callee().rtpReceiver().awaitTone(600, WAIT)).isNotEmpty();
        assertThat(call.callee().bye().status()).isEqualTo(200);
        target.awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void hangsUpCleanlyWhenTheRemainingPartyAnswersEveryReInviteWithGlare() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        call.caller().refuseOffers(491, 100);

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        call.caller().awaitBye(GLARE_WAIT);
        target.awaitBye(WAIT);

        sotto.awaitNothingHeld(SETTLE);
        assertThat(call.caller().received())
                .filteredOn(received -> received.isRequest() && "INVITE".equals(received.method()))
                .as("re-INVITEs before giving up").hasSize(4);
        assertThat(SottoUnderTest.metadataOf(sotto.wavFiles().get(1)).path("endReason").asText()).isEqualTo("error");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void start(String... sets) {
        String[] all = new String[sets.length + 1];
        all[0] = "users=[{id: bob, extension: '1001', role: agent}, {id: carol, extension: '1002', role: agent}]";
        System.arraycopy(sets, 0, all, 1, sets.length);
        sotto = SottoUnderTest.start(dir, all);
    }

    /** The customer calls +15550100; the PBX phone answers as 1001. */
    private Connected connect(TestPhone pbx) {
        return TestPhones.connect(sotto, phones.carrier(sotto, "customer"), pbx, "+15550100",
                InviteOptions.defaults().from("+15550199"), AnswerOptions.defaults().contactUser("1001"));
    }

    /** Both parties play their tone at once, and are done when this returns. */
    private static void talk(TestCall one, TestCall other, double oneHz, double otherHz) {
        one.rtp().sendTone(oneHz, TONE);
        other.rtp().sendTone(otherHz, TONE);
        one.rtp().awaitIdle(WAIT);
        other.rtp().awaitIdle(WAIT);
    }
}
