package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sotto.testkit.LoopbackPorts;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.CallState;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;

/**
 * The JAIN-SIP test phones of one test, each on a peer port of a {@link SottoUnderTest}; at the
 * end every phone is checked for errors inside it and closed.
 */
final class TestPhones implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);

    /** A call through Sotto, as the calling phone and the called phone each see it. */
    record Connected(TestCall caller, TestCall callee) {
    }

    private final List<TestPhone> phones = new ArrayList<>();

    /** A phone named {@code name} on the trunk peer's port (the carrier). */
    TestPhone carrier(SottoUnderTest sotto, String name) {
        return add(TestPhone.start(name, LOOPBACK, sotto.trunkPort(), "udp"));
    }

    /** A phone named {@code name} on the PBX peer's port. */
    TestPhone pbx(SottoUnderTest sotto, String name) {
        return add(TestPhone.start(name, LOOPBACK, sotto.pbxPort(), "udp"));
    }

    /** A phone named {@code name} on the second PBX peer's port ({@link SottoUnderTest#startWithSecondPbx}). */
    TestPhone secondPbx(SottoUnderTest sotto, String name) {
        return add(TestPhone.start(name, LOOPBACK, sotto.secondPbxPort(), "udp"));
    }

    /** A phone named {@code name} on a free loopback port that is no peer of Sotto's. */
    TestPhone stranger(String name) {
        return add(TestPhone.start(name, LOOPBACK, LoopbackPorts.freeSipPorts(1)[0], "udp"));
    }

    /** {@code from} calls {@code calledUser} through Sotto; {@code to} rings and answers. */
    static Connected connect(SottoUnderTest sotto, TestPhone from, TestPhone to, String calledUser,
                             InviteOptions invite, AnswerOptions answer) {
        TestCall outgoing = from.invite(uri(sotto, calledUser), invite);
        TestCall incoming = to.awaitIncoming(WAIT);
        incoming.ringing();
        incoming.answer(answer);
        outgoing.awaitState(CallState.CONFIRMED, WAIT);
        incoming.awaitState(CallState.CONFIRMED, WAIT);
        return new Connected(outgoing, incoming);
    }

    /**
     * The agent {@code agent} on {@code pbx} calls {@code consulted} on the same PBX through Sotto,
     * who answers as that extension: the consultation call of an attended transfer.
     */
    static Connected consult(SottoUnderTest sotto, TestPhone pbx, String agent, String consulted) {
        return connect(sotto, pbx, pbx, consulted, InviteOptions.defaults().from(agent),
                AnswerOptions.defaults().contactUser(consulted));
    }

    /** {@code sip:user@<Sotto's SIP address>}. */
    static String uri(SottoUnderTest sotto, String user) {
        return "sip:" + user + "@" + LOOPBACK + ":" + sotto.sipPort();
    }

    private TestPhone add(TestPhone phone) {
        phones.add(phone);
        return phone;
    }

    @Override
    public void close() {
        try {
            for (TestPhone phone : phones) {
                assertThat(phone.errors()).as("errors inside phone " + phone.name()).isEmpty();
            }
        } finally {
            TestPhone.closeAll(phones);
        }
    }
}
