package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

import io.sotto.fork.ForkDescriptor;
import io.sotto.media.SocketlessSession;

/**
 * Every way a call ends, on the conductor with fake SIP, held media and a clock the test moves:
 * the timing-sensitive cases (a CANCEL while the media opens, the ring timeout, timer B) run
 * here in microseconds and in the order the test chooses.
 */
class CallEndingsTest {

    @Test
    void answers487ToACancelWhileTheMediaIsStillOpeningAndFreesTheMediaWhenItCompletes() {
        B2buaFixture sotto = new B2buaFixture();
        Request invite = sotto.invite("cancel-early@carrier", "+15550199", "+15550100");
        sotto.receive(invite, B2buaFixture.CARRIER_PORT);
        assertThat(sotto.media.waiting()).isEqualTo(1);

        sotto.receive(sotto.cancel(invite), B2buaFixture.CARRIER_PORT);

        assertThat(sotto.sip.responses("cancel-early@carrier", Request.CANCEL)).extracting(Response::getStatusCode)
                .containsExactly(200);
        assertThat(sotto.sip.responses("cancel-early@carrier", Request.INVITE)).extracting(Response::getStatusCode)
                .containsExactly(100, 487);
        SocketlessSession late = sotto.media.bindNext();
        sotto.settle();
        assertThat(late.closed()).as("the session bound after the CANCEL is closed").isTrue();
        assertThat(sotto.sip.requests(Request.INVITE)).as("the callee is never called").isEmpty();
        assertThat(sotto.legs()).isZero();
        assertThat(sotto.registry.size()).isZero();
    }

    @Test
    void cancelsTheRingingCalleeOnACancelFromTheCaller() {
        B2buaFixture sotto = new B2buaFixture();
        Request invite = sotto.invite("cancel@carrier", "+15550199", "+15550100");
        sotto.receive(invite, B2buaFixture.CARRIER_PORT);
        SocketlessSession session = sotto.media.bindNext();
        sotto.settle();
        Request toCallee = sotto.sip.requests(Request.INVITE).get(0);
        sotto.answer(toCallee, sotto.response(toCallee, 180, "1001", null));

        sotto.receive(sotto.cancel(invite), B2buaFixture.CARRIER_PORT);

        assertThat(sotto.sip.responses("cancel@carrier", Request.INVITE)).extracting(Response::getStatusCode)
                .endsWith(180, 487);
        assertThat(sotto.sip.requests(Request.CANCEL)).hasSize(1);
        assertThat(session.closed()).isTrue();
        sotto.answer(toCallee, sotto.response(toCallee, 487, "1001", null));
        assertThat(sotto.legs()).as("the callee's leg goes with its 487").isZero();
        assertThat(sotto.recordTypes()).as("nothing was recorded").isEmpty();
    }

    @Test
    void endsBothLegsAndTheRecordingOnAByeFromTheCaller() {
        B2buaFixture sotto = new B2buaFixture();
        B2buaFixture.Answered call = sotto.answeredCall("bye-caller@carrier");

        sotto.receive(call.caller().request(Request.BYE, null), B2buaFixture.CARRIER_PORT);

        assertThat(sotto.sip.responses("bye-caller@carrier", Request.BYE)).extracting(Response::getStatusCode)
                .containsExactly(200);
        List<Request> byes = sotto.sip.requests(Request.BYE);
        assertThat(byes).hasSize(1);
        assertThat(LegMessages.callIdOf(byes.get(0))).isEqualTo(call.callee().callId);
        assertEnded(sotto, call);
    }

    @Test
    void endsBothLegsAndTheRecordingOnAByeFromTheCallee() {
        B2buaFixture sotto = new B2buaFixture();
        B2buaFixture.Answered call = sotto.answeredCall("bye-callee@carrier");

        sotto.receive(call.callee().request(Request.BYE, null), B2buaFixture.PBX_PORT);

        assertThat(sotto.sip.responses(call.callee().callId, Request.BYE)).extracting(Response::getStatusCode)
                .containsExactly(200);
        List<Request> byes = sotto.sip.requests(Request.BYE);
        assertThat(byes).hasSize(1);
        assertThat(LegMessages.callIdOf(byes.get(0))).isEqualTo("bye-callee@carrier");
        assertEnded(sotto, call);
    }

    @Test
    void cancelsACalleeThatRingsPastTheRingTimeoutAndAnswersTheCaller408() {
        B2buaFixture sotto = new B2buaFixture("sip.ring_timeout=2");
        Request invite = sotto.invite("ring-timeout@carrier", "+15550199", "+15550100");
        sotto.receive(invite, B2buaFixture.CARRIER_PORT);
        SocketlessSession session = sotto.media.bindNext();
        sotto.settle();
        Request toCallee = sotto.sip.requests(Request.INVITE).get(0);
        sotto.answer(toCallee, sotto.response(toCallee, 180, "1001", null));

        sotto.advance(TimeUnit.SECONDS.toNanos(2) - 1);
        assertThat(sotto.sip.requests(Request.CANCEL)).as("still within the ring timeout").isEmpty();
        sotto.advance(1);

        assertThat(sotto.sip.responses("ring-timeout@carrier", Request.INVITE)).extracting(Response::getReasonPhrase)
                .last().isEqualTo("Request Timeout");
        assertThat(sotto.sip.requests(Request.CANCEL)).hasSize(1);
        assertThat(session.closed()).isTrue();
        sotto.answer(toCallee, sotto.response(toCallee, 487, "1001", null));
        assertThat(sotto.legs()).isZero();
        assertThat(sotto.recordTypes()).isEmpty();
    }

    @Test
    void cancelsACalleeThatRingsOnlyAfterTheRingTimeout() {
        B2buaFixture sotto = new B2buaFixture("sip.ring_timeout=2");
        sotto.receive(sotto.invite("silent@carrier", "+15550199", "+15550100"), B2buaFixture.CARRIER_PORT);
        sotto.bindMedia();
        Request toCallee = sotto.sip.requests(Request.INVITE).get(0);

        sotto.advance(TimeUnit.SECONDS.toNanos(2));
        assertThat(sotto.sip.responses("silent@carrier", Request.INVITE)).extracting(Response::getStatusCode)
                .last().isEqualTo(408);
        assertThat(sotto.sip.requests(Request.CANCEL))
                .as("RFC 3261 section 9.1: no CANCEL before the callee's provisional answer").isEmpty();

        sotto.answer(toCallee, sotto.response(toCallee, 180, "1001", null));
        assertThat(sotto.sip.requests(Request.CANCEL)).hasSize(1);
        sotto.answer(toCallee, sotto.response(toCallee, 487, "1001", null));
        assertThat(sotto.legs()).isZero();
    }

    @Test
    void answersTheCaller408WhenTheCalleeNeverAnswersAtAll() {
        B2buaFixture sotto = new B2buaFixture();
        sotto.receive(sotto.invite("timer-b@carrier", "+15550199", "+15550100"), B2buaFixture.CARRIER_PORT);
        SocketlessSession session = sotto.media.bindNext();
        sotto.settle();

        sotto.timeOut(sotto.sip.requests(Request.INVITE).get(0));

        assertThat(sotto.sip.responses("timer-b@carrier", Request.INVITE)).extracting(Response::getStatusCode)
                .last().isEqualTo(408);
        assertThat(sotto.sip.requests(Request.CANCEL)).isEmpty();
        assertThat(session.closed()).isTrue();
        assertThat(sotto.legs()).isZero();
        assertThat(sotto.registry.size()).isZero();
    }

    private static void assertEnded(B2buaFixture sotto, B2buaFixture.Answered call) {
        assertThat(call.media().closed()).as("the media is freed").isTrue();
        assertThat(sotto.legs()).as("both legs are forgotten").isZero();
        assertThat(sotto.registry.size()).isZero();
        assertThat(sotto.recordTypes()).startsWith(ForkDescriptor.START_MSG_TYPE_ID)
                .endsWith(ForkDescriptor.END_MSG_TYPE_ID);
        assertThat(sotto.recordingEnds()).singleElement().asString().contains("\"hangup\"");
    }
}
