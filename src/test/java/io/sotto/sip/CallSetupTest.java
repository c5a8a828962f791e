package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

import io.sotto.fork.ForkDescriptor;

/** A new call through the B2BUA, on the conductor with fake SIP and held media (no socket, no sleep). */
class CallSetupTest {
    private final B2buaFixture sotto = new B2buaFixture();

    @Test
    void forwardsAnInviteFromAPeerToTheRoutesTargetAndRelaysThe200WithSottosSdp() {
        Request invite = sotto.invite("setup@carrier", "+15550199", "+15550100");

        sotto.receive(invite, B2buaFixture.CARRIER_PORT);
        assertThat(sotto.sip.requests(Request.INVITE)).as("nothing sent before the media is bound").isEmpty();
        sotto.bindMedia();

        Request out = sotto.sip.requests(Request.INVITE).get(0);
        assertThat(out.getRequestURI().toString()).isEqualTo("sip:+15550100@127.0.0.1:5080");
        assertThat(((CallIdHeader) out.getHeader(CallIdHeader.NAME)).getCallId())
                .as("the callee's leg has its own Call-ID").isNotEqualTo("setup@carrier");
        assertThat(LegMessages.sdpOf(out)).as("the callee is offered Sotto's callee-facing port")
                .contains("c=IN IP4 127.0.0.1").contains("m=audio " + (HeldMedia.FIRST_PORT + 2) + " ")
                .doesNotContain("m=audio 6000");
        assertThat(sotto.sip.responses("setup@carrier", Request.INVITE)).extracting(Response::getStatusCode)
                .as("one 100 Trying, not another when the INVITE is handled again once its media is bound")
                .containsExactly(100);

        sotto.answer(out, sotto.response(out, 180, "1001", null));
        sotto.answer(out, sotto.response(out, 200, "1001", B2buaFixture.answerSdp(7000, "sendrecv")));

        List<Response> toCaller = sotto.sip.responses("setup@carrier", Request.INVITE);
        assertThat(toCaller).extracting(Response::getStatusCode).containsExactly(100, 180, 200);
        Response ok = toCaller.get(toCaller.size() - 1);
        assertThat(LegMessages.sdpOf(ok)).as("the caller hears of Sotto's caller-facing port only")
                .contains("m=audio " + HeldMedia.FIRST_PORT + " ").doesNotContain("m=audio 7000");
        assertThat(((ToHeader) ok.getHeader(ToHeader.NAME)).getTag()).isNotEqualTo("callee-tag");
        assertThat(sotto.sip.requests(Request.ACK)).as("the callee's 2xx is ACKed").hasSize(1);
        assertThat(sotto.recordTypes()).as("inbound calls start recorded")
                .startsWith(ForkDescriptor.START_MSG_TYPE_ID).doesNotContain(ForkDescriptor.END_MSG_TYPE_ID);
    }

    @Test
    void forbidsAnInviteFromAnAddressThatIsNoPeerAndKeepsNothing() {
        sotto.receive(sotto.invite("stranger@elsewhere", "+15550199", "+15550100"), 5999);

        assertThat(sotto.sip.responses("stranger@elsewhere", Request.INVITE)).extracting(Response::getStatusCode)
                .containsExactly(403);
        assertThat(sotto.media.waiting()).as("no media asked for").isZero();
        assertThat(sotto.legs()).isZero();
        assertThat(sotto.b2bua.forbiddenCount()).isEqualTo(1);
    }

    @Test
    void makesANewInvitesTransactionAsItArrivesAndDropsItsResendsBeforeTheConductor() throws Exception {
        Request invite = sotto.invite("resent@carrier", "+15550199", "+15550100");

        assertThat(sotto.arrive(invite, B2buaFixture.CARRIER_PORT)).isTrue();
        assertThat(sotto.arrive((Request) invite.clone(), B2buaFixture.CARRIER_PORT))
                .as("a resend (timer A) while the conductor is behind is answered by the transaction, not queued")
                .isFalse();
        assertThat(sotto.conductor.commandsQueued()).isEqualTo(1);
        assertThatThrownBy(() -> sotto.sip.getNewServerTransaction((Request) invite.clone()))
                .as("the transaction was made as the INVITE arrived")
                .isInstanceOf(TransactionAlreadyExistsException.class);
        sotto.settle();
        sotto.bindMedia();

        assertThat(sotto.b2bua.intake().resendsDropped()).isEqualTo(1);
        assertThat(sotto.sip.requests(Request.INVITE)).as("one INVITE to the callee").hasSize(1);
        assertThat(sotto.sip.responses("resent@carrier", Request.INVITE)).extracting(Response::getStatusCode)
                .containsExactly(100);
    }

    @Test
    void makesNoTransactionForAStrangersInvite() throws Exception {
        Request invite = sotto.invite("stranger-intake@elsewhere", "+15550199", "+15550100");

        assertThat(sotto.arrive(invite, 5999)).isTrue();

        assertThat(sotto.sip.getNewServerTransaction((Request) invite.clone()))
                .as("no state for a stranger before the conductor refuses it").isNotNull();
    }

    @Test
    void answers503WithRetryAfterToANewInviteTheConductorsFullQueueCannotTake() {
        int queued = 0;
        while (sotto.arrive(sotto.invite("fill-" + queued + "@carrier", "+15550199", "+15550100"),
                B2buaFixture.CARRIER_PORT)) {
            queued++;
        }

        String refused = "fill-" + queued + "@carrier";
        List<Response> answers = sotto.sip.responses(refused, Request.INVITE);
        assertThat(answers).extracting(Response::getStatusCode).containsExactly(503);
        assertThat(((RetryAfterHeader) answers.get(0).getHeader(RetryAfterHeader.NAME)).getRetryAfter())
                .isEqualTo(NewInviteIntake.RETRY_AFTER_SECONDS);
        sotto.settle();
        assertThat(sotto.sip.responses("fill-0@carrier", Request.INVITE)).extracting(Response::getStatusCode)
                .as("the INVITEs queued before it are handled").containsExactly(100);
    }

    @Test
    void answers503WhenNoMediaPortIsFree() {
        sotto.receive(sotto.invite("no-ports@carrier", "+15550199", "+15550100"), B2buaFixture.CARRIER_PORT);

        sotto.media.refuseNext("no free RTP ports in 20000-29999");
        sotto.settle();

        assertThat(sotto.sip.responses("no-ports@carrier", Request.INVITE)).extracting(Response::getReasonPhrase)
                .containsExactly("Trying", "No Media Ports Available");
        assertThat(sotto.sip.requests(Request.INVITE)).isEmpty();
        assertThat(sotto.legs()).isZero();
    }
}
