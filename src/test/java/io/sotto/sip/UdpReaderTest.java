package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.SipStackImpl;

import io.sotto.testkit.LoopbackPorts;
import io.sotto.testkit.Poll;

/** The stack as {@code SipEdge} configures it, receiving raw datagrams over loopback. */
class UdpReaderTest {
    private static final int REQUESTS = 200;
    private static final int IN_FLIGHT = 4;

    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private SipStackImpl stack;
    private ListeningPoint udp;
    private SipProvider provider;

    @BeforeEach
    void startStack() throws Exception {
        int port = LoopbackPorts.freeSipPorts(1)[0];
        stack = new BranchMatchedSipStack(SipEdge.stackProperties("127.0.0.1", port));
        udp = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        provider = stack.createSipProvider(udp);
        provider.addSipListener(new Collector());
        stack.start();
    }

    @AfterEach
    void stopStack() {
        stack.stop();
    }

    @Test
    void receivesSipOverUdpWithTheReusingReader() {
        assertThat(((ListeningPointImpl) udp).getMessageProcessor()).isInstanceOf(UdpReader.class);
    }

    @Test
    void handsOnEachDatagramWholeWhenLargeAndSmallOnesAlternate() throws Exception {
        Map<String, String> sent = new HashMap<>();
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < REQUESTS; i++) {
                int sentBefore = i;
                // a few in flight keep the reader ahead of the parser without outgrowing a
                // default-sized socket buffer (net.core.rmem_default is about 200 KB)
                Poll.until("the stack has caught up", () -> bodies.size() >= sentBefore - IN_FLIGHT);
                String callId = "udp-reader-" + i;
                // sizes alternate between about 30 KB and a few bytes, so a reused buffer that
                // leaked into the queue would show one message's tail in the next
                String body = String.valueOf((char) ('a' + i % 26)).repeat(i % 2 == 0 ? 30_000 + i : 1 + i % 7);
                sent.put(callId, body);
                byte[] datagram = options(callId, body, phone.getLocalPort()).getBytes(StandardCharsets.UTF_8);
                phone.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(),
                        udp.getPort()));
            }
        }
        Poll.until("the stack has parsed every request", () -> bodies.size() == REQUESTS);
        assertThat(bodies).isEqualTo(sent);
    }

    @Test
    void givesAnAnswerToTheTransactionThatAskedForIt() throws Exception {
        try (DatagramSocket pbx = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            pbx.setSoTimeout(5_000);
            SipFactory factory = SipFactory.getInstance();
            AddressFactory addresses = factory.createAddressFactory();
            HeaderFactory headers = factory.createHeaderFactory();
            Request options = factory.createMessageFactory().createRequest(
                    addresses.createURI("sip:pbx@127.0.0.1:" + pbx.getLocalPort()), Request.OPTIONS,
                    provider.getNewCallId(), headers.createCSeqHeader(1L, Request.OPTIONS),
                    headers.createFromHeader(addresses.createAddress("sip:sotto@127.0.0.1"), "from-sotto"),
                    headers.createToHeader(addresses.createAddress("sip:pbx@127.0.0.1"), null),
                    List.of(headers.createViaHeader("127.0.0.1", udp.getPort(), ListeningPoint.UDP, null)),
                    headers.createMaxForwardsHeader(70));
            ClientTransaction transaction = provider.getNewClientTransaction(options);
            transaction.sendRequest();

            byte[] buffer = new byte[65_536];
            DatagramPacket received = new DatagramPacket(buffer, buffer.length);
            pbx.receive(received);
            String request = new String(buffer, 0, received.getLength(), StandardCharsets.UTF_8);
            byte[] ok = answer(request).getBytes(StandardCharsets.UTF_8);
            // to where the request came from, as a NATed phone must (RFC 3581): only the
            // listening socket can hear it
            pbx.send(new DatagramPacket(ok, ok.length, received.getSocketAddress()));

            Poll.until("the stack has handed over the answer", () -> !answers.isEmpty());
            assertThat(answers).containsExactly(Map.entry(transaction.getBranchId(), 200));
        }
    }

    @Test
    void endsItsThreadsWhenTheStackStops() {
        String stackThread = stack.getStackName() + "-UDPMessageChannelThread-0";
        assertThat(threadNamed(stackThread)).isTrue();

        stack.stop();

        Poll.until("the stack's UDP thread has ended", () -> !threadNamed(stackThread));
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static String options(String callId, String body, int fromPort) {
        return "OPTIONS sip:sotto@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:phone@127.0.0.1>;tag=" + callId + "\r\n"
                + "To: <sip:sotto@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "\r\n"
                + body;
    }

    /** A 200 to {@code request}, echoing the headers RFC 3261 section 8.2.6.2 says to copy. */
    private static String answer(String request) {
        StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:")
                    || line.startsWith("CSeq:")) {
                ok.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                ok.append(line).append(";tag=pbx\r\n");
            }
        }
        return ok.append("Content-Length: 0\r\n\r\n").toString();
    }

    private final class Collector implements SipListener {
        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
            bodies.put(callId, new String(request.getRawContent(), StandardCharsets.UTF_8));
        }

        @Override
        public void processResponse(ResponseEvent event) {
            answers.put(event.getClientTransaction().getBranchId(), event.getResponse().getStatusCode());
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }
}
