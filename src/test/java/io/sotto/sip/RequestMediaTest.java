package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sotto.call.CallConductor;
import io.sotto.config.MediaConfig;
import io.sotto.config.PortRange;
import io.sotto.fork.ForkWriter;
import io.sotto.media.MediaException;
import io.sotto.media.MediaRelay;
import io.sotto.media.MediaSession;

/**
 * A request that needs a media session is handled again once the session is bound, on the
 * conductor, without the conductor waiting. The test is the conductor: it runs its duty cycles.
 */
class RequestMediaTest {
    private static final String CALL_ID = "request-media-test@127.0.0.1";

    private final CallConductor conductor = new CallConductor(64, SystemNanoClock.INSTANCE);
    private MediaRelay relay;

    @AfterEach
    void close() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void handlesTheRequestAgainWithItsBoundSessionOnTheConductor() throws Exception {
        RequestMedia media = media(31600, 31699);
        List<MediaSession> taken = new ArrayList<>();
        List<ServerTransaction> transactions = new ArrayList<>();
        FakeServerTransaction tx = new FakeServerTransaction(invite());
        media.handler(event -> {
            assertThat(conductor.onConductorThread()).isTrue();
            transactions.add(event.getServerTransaction());
            try {
                taken.add(media.take(event, event.getServerTransaction()));
            } catch (MediaException e) {
                throw new AssertionError(e);
            }
        });

        assertThat(media.take(event(tx), tx)).as("not bound yet: the handler returns").isNull();
        cycleUntil("the request is handled again", () -> !taken.isEmpty());

        assertThat(transactions).containsExactly(tx);
        assertThat(taken.get(0)).isNotNull();
        assertThat(relay.portsInUse()).isEqualTo(4);
        taken.get(0).close();
    }

    @Test
    void closesTheSessionOfARequestRefusedWhenHandledAgain() throws Exception {
        RequestMedia media = media(31700, 31799);
        List<RequestEvent> handled = new ArrayList<>();
        media.handler(handled::add);
        FakeServerTransaction tx = new FakeServerTransaction(invite());

        media.take(event(tx), tx);
        cycleUntil("the request is handled again", () -> !handled.isEmpty());

        cycleUntil("the session it did not take is unbound", () -> relay.portsInUse() == 0);
        assertThat(relay.sessionsOpen()).isZero();
    }

    @Test
    void neverHandlesAgainAnInviteCancelledWhileItsSessionWasBound() throws Exception {
        RequestMedia media = media(31800, 31899);
        List<RequestEvent> handled = new ArrayList<>();
        media.handler(handled::add);
        FakeServerTransaction tx = new FakeServerTransaction(invite());
        media.take(event(tx), tx);

        assertThat(media.cancel(CALL_ID)).isSameAs(tx);
        tx.state = TransactionState.COMPLETED; // the 487 the caller of cancel() sends
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (conductor.completionsQueued() == 0) {
            assertThat(System.nanoTime() - deadline).as("the session is bound within 5 s").isNegative();
            LockSupport.parkNanos(100_000);
        }
        conductor.doWork();

        assertThat(handled).isEmpty();
        cycleUntil("the session is unbound", () -> relay.portsInUse() == 0);
        assertThat(media.cancel(CALL_ID)).as("nothing left to cancel").isNull();
    }

    @Test
    void givesTheRelaysReasonWhenNoPortIsFree() throws Exception {
        RequestMedia media = media(31900, 31901);
        List<Exception> failures = new ArrayList<>();
        media.handler(event -> {
            try {
                media.take(event, event.getServerTransaction());
            } catch (MediaException e) {
                failures.add(e);
            }
        });
        FakeServerTransaction tx = new FakeServerTransaction(invite());

        media.take(event(tx), tx);
        cycleUntil("the request is handled again", () -> !failures.isEmpty());

        assertThat(failures.get(0)).hasMessage("no free RTP ports in 31900-31901");
        cycleUntil("the caller's pair is unbound", () -> relay.portsInUse() == 0);
    }

    private RequestMedia media(int firstPort, int lastPort) {
        relay = new MediaRelay(new MediaConfig("127.0.0.1", new PortRange(firstPort, lastPort), List.of("PCMU")),
                new ForkWriter(ForkWriter.newRing(1 << 16)));
        conductor.onStart();
        return new RequestMedia(relay, conductor);
    }

    private void cycleUntil(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (conductor.doWork() == 0) {
                assertThat(System.nanoTime() - deadline).as("waiting until " + what).isNegative();
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private static RequestEvent event(ServerTransaction tx) {
        return new RequestEvent("test", tx, null, tx.getRequest());
    }

    private static Request invite() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        String text = "INVITE sip:+15550100@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-request-media\r\n"
                + "From: <sip:+15550199@127.0.0.1:5070>;tag=1\r\n"
                + "To: <sip:+15550100@127.0.0.1:5060>\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        return factory.createMessageFactory().createRequest(text);
    }

    /** A server transaction whose state the test sets; it answers nothing. */
    private static final class FakeServerTransaction implements ServerTransaction {
        private static final long serialVersionUID = 1L;
        private final transient Request request;
        volatile TransactionState state = TransactionState.PROCEEDING;

        FakeServerTransaction(Request request) {
            this.request = request;
        }

        @Override
        public void sendResponse(Response response) {
            throw new UnsupportedOperationException("not sent in these tests");
        }

        @Override
        public void enableRetransmissionAlerts() {
        }

        @Override
        public Dialog getDialog() {
            return null;
        }

        @Override
        public TransactionState getState() {
            return state;
        }

        @Override
        public int getRetransmitTimer() {
            return 500;
        }

        @Override
        public void setRetransmitTimer(int retransmitTimer) {
        }

        @Override
        public String getBranchId() {
            return "z9hG4bK-request-media";
        }

        @Override
        public Request getRequest() {
            return request;
        }

        @Override
        public void setApplicationData(Object applicationData) {
        }

        @Override
        public Object getApplicationData() {
            return null;
        }

        @Override
        public void terminate() {
        }
    }
}
