package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

/**
 * The OPTIONS that ask both parties of an answered call whether they still hold it: a party that
 * forgot the dialog (481), times it out (408) or does not answer at all has the call hung up
 * (RFC 3261 12.2.1.2), so that a lost BYE cannot keep ports and a recording open for ever.
 */
class DialogProbesTest {
    private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Test
    void asksBothPartiesEveryIntervalWhileTheyAnswer() {
        B2buaFixture sotto = new B2buaFixture("sip.dialog_probe=30");
        B2buaFixture.Answered call = sotto.answeredCall("probe-alive@carrier");

        sotto.advance(PROBE_NANOS - 1);
        assertThat(sotto.sip.requests(Request.OPTIONS)).as("not before the interval").isEmpty();
        sotto.advance(1);

        List<Request> probes = sotto.sip.requests(Request.OPTIONS);
        assertThat(probes).extracting(LegMessages::callIdOf)
                .containsExactly("probe-alive@carrier", call.callee().callId);
        answerAll(sotto, probes, 200);
        assertThat(sotto.sip.requests(Request.BYE)).isEmpty();
        assertThat(sotto.registry.size()).isEqualTo(1);

        sotto.advance(PROBE_NANOS);
        assertThat(sotto.sip.requests(Request.OPTIONS)).as("probed again").extracting(LegMessages::callIdOf)
                .containsExactly("probe-alive@carrier", call.callee().callId,
                        "probe-alive@carrier", call.callee().callId);
    }

    @Test
    void hangsUpWhenTheCallerNoLongerKnowsTheDialog() {
        B2buaFixture sotto = new B2buaFixture("sip.dialog_probe=30");
        B2buaFixture.Answered call = sotto.answeredCall("probe-481@carrier");
        sotto.advance(PROBE_NANOS);
        Request toCaller = probe(sotto, "probe-481@carrier");

        sotto.answer(toCaller, sotto.response(toCaller, 481, "+15550199", null));

        assertHungUp(sotto, call);
    }

    @Test
    void hangsUpWhenTheCalleeAnswers408() {
        B2buaFixture sotto = new B2buaFixture("sip.dialog_probe=30");
        B2buaFixture.Answered call = sotto.answeredCall("probe-408@carrier");
        sotto.advance(PROBE_NANOS);
        Request toCallee = probe(sotto, call.callee().callId);

        sotto.answer(toCallee, sotto.response(toCallee, 408, "1001", null));

        assertHungUp(sotto, call);
    }

    @Test
    void hangsUpWhenAProbeGetsNoAnswerAtAll() {
        B2buaFixture sotto = new B2buaFixture("sip.dialog_probe=30");
        B2buaFixture.Answered call = sotto.answeredCall("probe-silent@carrier");
        sotto.advance(PROBE_NANOS);

        sotto.timeOut(probe(sotto, "probe-silent@carrier"));

        assertHungUp(sotto, call);
    }

    @Test
    void keepsTheCallWhenAPartyDoesNotImplementOptions() {
        B2buaFixture sotto = new B2buaFixture("sip.dialog_probe=30");
        sotto.answeredCall("probe-405@carrier");
        sotto.advance(PROBE_NANOS);

        answerAll(sotto, sotto.sip.requests(Request.OPTIONS), 405);

        assertThat(sotto.sip.requests(Request.BYE)).isEmpty();
        assertThat(sotto.registry.size()).isEqualTo(1);
    }

    @Test
    void stopsProbingOnceTheCallHasEnded() {
        B2buaFixture sotto = new B2buaFixture("sip.dialog_probe=30");
        B2buaFixture.Answered call = sotto.answeredCall("probe-ended@carrier");
        sotto.receive(call.caller().request(Request.BYE, null), B2buaFixture.CARRIER_PORT);

        sotto.advance(PROBE_NANOS * 3);

        assertThat(sotto.sip.requests(Request.OPTIONS)).isEmpty();
    }

    @Test
    void anEndedCallIsNotKeptReachableByItsNextProbe() throws InterruptedException {
        B2buaFixture sotto = new B2buaFixture("sip.dialog_probe=300");
        B2buaFixture.Answered call = sotto.answeredCall("probe-gc@carrier");
        WeakReference<SipCall> ended = new WeakReference<>(sotto.b2bua.leg("probe-gc@carrier").call);
        sotto.receive(call.caller().request(Request.BYE, null), B2buaFixture.CARRIER_PORT);

        for (int i = 0; i < 50 && ended.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }

        assertThat(ended.get()).as("the call, 300 s before its next probe was due").isNull();
    }

    @Test
    void aLate481ForACallAlreadyEndedChangesNothing() {
        B2buaFixture sotto = new B2buaFixture("sip.dialog_probe=30");
        B2buaFixture.Answered call = sotto.answeredCall("probe-late@carrier");
        sotto.advance(PROBE_NANOS);
        Request toCaller = probe(sotto, "probe-late@carrier");
        sotto.receive(call.callee().request(Request.BYE, null), B2buaFixture.PBX_PORT);
        assertThat(sotto.sip.requests(Request.BYE)).extracting(LegMessages::callIdOf)
                .containsExactly("probe-late@carrier");

        sotto.answer(toCaller, sotto.response(toCaller, 481, "+15550199", null));

        assertThat(sotto.sip.requests(Request.BYE)).as("no second hang-up").extracting(LegMessages::callIdOf)
                .containsExactly("probe-late@carrier");
        assertThat(sotto.recordingEnds()).singleElement().asString().contains("\"hangup\"");
    }

    @Test
    void sendsNoProbeWhenSwitchedOff() {
        B2buaFixture sotto = new B2buaFixture("sip.dialog_probe=0");
        sotto.answeredCall("probe-off@carrier");

        sotto.advance(TimeUnit.DAYS.toNanos(2));

        assertThat(sotto.sip.requests(Request.OPTIONS)).isEmpty();
    }

    private static Request probe(B2buaFixture sotto, String callId) {
        return sotto.sip.requests(Request.OPTIONS).stream()
                .filter(options -> LegMessages.callIdOf(options).equals(callId))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private static void answerAll(B2buaFixture sotto, List<Request> probes, int status) {
        for (Request options : probes) {
            String user = LegMessages.callIdOf(options).endsWith("@carrier") ? "+15550199" : "1001";
            sotto.answer(options, sotto.response(options, status, user, null));
        }
    }

    private static void assertHungUp(B2buaFixture sotto, B2buaFixture.Answered call) {
        assertThat(sotto.sip.requests(Request.BYE)).extracting(LegMessages::callIdOf)
                .containsExactlyInAnyOrder(call.caller().callId, call.callee().callId);
        assertThat(sotto.registry.size()).isZero();
        assertThat(sotto.legs()).as("both legs are forgotten").isZero();
        assertThat(call.media().closed()).as("the media is freed").isTrue();
        assertThat(sotto.recordingEnds()).singleElement().asString().contains("\"error\"");
    }
}
