package io.sotto.media;

import static io.sotto.fork.ForkDescriptor.AUDIO_HEADER_LENGTH;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.PAYLOAD_LENGTH_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sotto.testkit.Poll;

/**
 * A session relaying real datagrams with the callee as the agent: a tone played to the agent
 * overwrites the customer's audio on its way to the agent only, after the fork; the agent's
 * control codes reach the call thread but not the customer; the customer's keys reach both.
 */
class AgentFeedbackRelayTest {
    private static final int TELEPHONE_EVENT = 101;
    private static final int CUSTOMER_SSRC = 0x0C05_7000;
    private static final int AGENT_SSRC = 0x0A6E_7000;

    private RelayFixture fixture;
    private MediaSession session;
    private UdpPeer customer;
    private UdpPeer agent;
    private final List<String> digits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openSession() throws Exception {
        fixture = new RelayFixture(23400, 23499);
        session = fixture.open();
        customer = fixture.peer("127.0.0.2");
        agent = fixture.peer("127.0.0.3");
        session.setCallerRemote(customer.address());
        session.setCalleeRemote(agent.address());
        session.setTelephoneEventPayloadTypes(TELEPHONE_EVENT, TELEPHONE_EVENT);
        session.dtmfListener((side, digit, nanos) -> digits.add(side + ":" + digit));
        session.hideControlCodes(CHANNEL_CALLEE, ControlCodes.of(3_000_000_000L, "#11#", "#12#"));
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void playsTheToneToTheAgentOnlyAndForksTheCustomersRealAudio() {
        session.startFork(7);
        session.playTone(CHANNEL_CALLEE, FeedbackTone.PAUSED);
        byte[] customerAudio = RtpPackets.payload(160, 3);

        customer.sendTo(session.callerFacingPort(), RtpPackets.rtp(RtpPackets.PCMA, 1, 8000, CUSTOMER_SSRC, false, customerAudio));
        byte[] heardByAgent = agent.receive().data();
        byte[] agentAudio = RtpPackets.payload(160, 9);
        agent.sendTo(session.calleeFacingPort(), RtpPackets.rtp(RtpPackets.PCMA, 1, 0, AGENT_SSRC, false, agentAudio));
        byte[] heardByCustomer = customer.receive().data();

        assertThat(Arrays.copyOfRange(heardByAgent, 12, 172))
                .isEqualTo(Arrays.copyOfRange(FeedbackTone.PAUSED.encodedFor(FeedbackTone.PT_PCMA), 0, 160));
        assertThat(Arrays.copyOfRange(heardByAgent, 0, 12))
                .as("sequence, timestamp and SSRC as the customer sent them")
                .isEqualTo(Arrays.copyOfRange(RtpPackets.rtp(RtpPackets.PCMA, 1, 8000, CUSTOMER_SSRC, false, new byte[0]), 0, 12));
        assertThat(Arrays.copyOfRange(heardByCustomer, 12, 172)).isEqualTo(agentAudio);
        assertThat(forkedPayloads(2)).containsExactly(customerAudio, agentAudio);
    }

    @Test
    void keepsTheAgentsCodeFromTheCustomerAndReportsItToTheCallThread() {
        for (int key : new int[] {11, 1, 1, 11}) {
            press(agent, session.calleeFacingPort(), AGENT_SSRC, key);
        }
        agent.sendTo(session.calleeFacingPort(), RtpPackets.rtp(RtpPackets.PCMU, 99, 0, AGENT_SSRC, false, RtpPackets.payload(160, 1)));

        Poll.until("four keys reported", () -> digits.size() == 4);
        assertThat(digits).containsExactly("1:#", "1:1", "1:1", "1:#");
        byte[] first = customer.receive().data();
        assertThat(first[1] & 0x7F).as("the first packet the customer gets is the audio after the code")
                .isEqualTo(RtpPackets.PCMU);
    }

    @Test
    void relaysTheCustomersKeysEvenWhenTheySpellACode() {
        press(customer, session.callerFacingPort(), CUSTOMER_SSRC, 11);

        assertThat(agent.receive().data()[1] & 0x7F).isEqualTo(TELEPHONE_EVENT);
        Poll.until("the customer's key reported", () -> digits.contains("0:#"));
    }

    private int timestamp;

    /** One key press: a start packet, one more and three end packets (RFC 4733 §2.5.1.4). */
    private void press(UdpPeer from, int port, int ssrc, int event) {
        timestamp += 1600;
        int sequence = timestamp / 160;
        for (int packet = 0; packet < 5; packet++) {
            boolean end = packet >= 2;
            byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), 0, (byte) (160 * Math.min(packet + 1, 3))};
            from.sendTo(port, RtpPackets.rtp(TELEPHONE_EVENT, sequence + packet, timestamp, ssrc, packet == 0, payload));
        }
    }

    private List<byte[]> forkedPayloads(int count) {
        List<byte[]> payloads = new ArrayList<>();
        Poll.until(count + " audio records in the ring", () -> {
            fixture.ring.read((msgTypeId, buffer, index, length) -> {
                byte[] payload = new byte[buffer.getInt(index + PAYLOAD_LENGTH_OFFSET)];
                buffer.getBytes(index + AUDIO_HEADER_LENGTH, payload);
                payloads.add(payload);
            });
            return payloads.size() >= count;
        });
        return payloads;
    }
}
