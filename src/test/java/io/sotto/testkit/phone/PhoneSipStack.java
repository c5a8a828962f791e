package io.sotto.testkit.phone;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.DialogTerminatedEvent;
import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.slf4j.LoggerFactory;

/**
 * One JAIN-SIP stack for one phone: UDP and TCP listening points on the same address and port,
 * one provider, and the factories that build messages.
 *
 * <p>The stack is built with {@code new SipStackImpl(properties)} rather than through
 * {@code SipFactory}, which keeps every stack it made in a static map by name and hands a stopped
 * stack back when a later phone reuses the name.
 *
 * <p>All stacks log through one logger, off unless {@code -Dsotto.testphone.sipLog=ERROR} (or
 * {@code DEBUG}, which also raises the RI's trace level): whatever its trace level the RI logs TLS
 * key store warnings at every start, and an ERROR with a 64 KB buffer dump when a message arrives
 * while its stack stops. The phone reports its own failures in {@link TestPhone#errors()}.
 */
final class PhoneSipStack implements AutoCloseable {
    private static final AtomicLong STACKS = new AtomicLong();
    private static final int FREE_PORT_ATTEMPTS = 20;
    private static final int MAX_FORWARDS = 70;
    private static final String LOGGER = "gov.nist.javax.sip.testphone";
    private static final String LOG_LEVEL = System.getProperty("sotto.testphone.sipLog", "OFF").toUpperCase();
    private static final String RI_DEBUG_TRACE_LEVEL = "32";

    static {
        if (LoggerFactory.getLogger(LOGGER) instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.toLevel(LOG_LEVEL, ch.qos.logback.classic.Level.OFF));
        }
    }

    final String address;
    final int port;
    final String transport;
    final SipProvider provider;
    final MessageFactory messages = new MessageFactoryImpl();
    final HeaderFactory headers = new HeaderFactoryImpl();
    final AddressFactory addresses = new AddressFactoryImpl();
    private final SipStackImpl stack;
    private final List<ListeningPoint> listeningPoints;
    private SipListener listener;

    private PhoneSipStack(SipStackImpl stack, List<ListeningPoint> listeningPoints, String transport) {
        this.stack = stack;
        this.listeningPoints = listeningPoints;
        this.address = listeningPoints.get(0).getIPAddress();
        this.port = listeningPoints.get(0).getPort();
        this.transport = transport;
        this.provider = Checked.get("creating the SIP provider", () -> {
            SipProvider created = stack.createSipProvider(listeningPoints.get(0));
            for (ListeningPoint more : listeningPoints.subList(1, listeningPoints.size())) {
                created.addListeningPoint(more);
            }
            return created;
        });
    }

    /** Binds UDP and TCP on {@code address:port}; port 0 picks a port free for both. */
    static PhoneSipStack open(String name, String address, int port, String transport) {
        SipStackImpl stack = Checked.get("creating the SIP stack of " + name, () -> new SipStackImpl(properties(name)));
        IllegalStateException lastFailure = null;
        int attempts = port == 0 ? FREE_PORT_ATTEMPTS : 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int candidate = port == 0 ? freeUdpPort(address) : port;
            List<ListeningPoint> bound = new ArrayList<>();
            try {
                bound.add(stack.createListeningPoint(address, candidate, ListeningPoint.UDP));
                bound.add(stack.createListeningPoint(address, candidate, ListeningPoint.TCP));
                return new PhoneSipStack(stack, bound, transport);
            } catch (Exception e) {
                for (ListeningPoint point : bound) {
                    Checked.run("releasing " + point, () -> stack.deleteListeningPoint(point));
                }
                lastFailure = new IllegalStateException("cannot bind SIP UDP+TCP on " + address + ":" + candidate + ": " + e, e);
            }
        }
        stack.stop();
        throw lastFailure;
    }

    private static Properties properties(String name) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "testphone-" + name + "-" + STACKS.incrementAndGet());
        // Dialogs are created and matched by the stack; the phone never builds its own dialog layer.
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", LOG_LEVEL.equals("DEBUG") ? RI_DEBUG_TRACE_LEVEL : "0");
        properties.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", LOGGER);
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // The NOTIFYs of a REFER can outlive the REFER transaction the stack would match them to.
        properties.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        // An ACK sent again for a retransmitted 2xx is something tests look for.
        properties.setProperty("gov.nist.javax.sip.DELIVER_RETRANSMITTED_ACK_TO_LISTENER", "true");
        // One event at a time, in arrival order: the phone's handlers need no locks of their own.
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        // By default each UDP datagram is parsed on a thread of its own, so an ACK sent just before
        // the next re-INVITE can be processed after it and dropped as stale; one thread keeps order.
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        return properties;
    }

    private static int freeUdpPort(String address) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return probe.getLocalPort();
        } catch (SocketException e) {
            throw new IllegalStateException("cannot find a free UDP port on " + address + ": " + e.getMessage(), e);
        }
    }

    void listen(SipListener sipListener) {
        Checked.run("adding the SIP listener", () -> provider.addSipListener(sipListener));
        this.listener = sipListener;
    }

    /** An out-of-dialog request with a fresh Call-ID, From tag and CSeq 1, and a Contact. */
    Request newRequest(String method, String requestUri, String fromUser) {
        return Checked.get("building " + method + " to " + requestUri, () -> {
            URI target = addresses.createURI(requestUri);
            SipURI fromUri = addresses.createSipURI(fromUser, address);
            FromHeader from = headers.createFromHeader(addresses.createAddress(fromUri), newTag());
            ToHeader to = headers.createToHeader(addresses.createAddress(target), null);
            CallIdHeader callId = provider.getNewCallId();
            CSeqHeader cseq = headers.createCSeqHeader(1L, method);
            ViaHeader via = headers.createViaHeader(address, port, transport, null);
            MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(MAX_FORWARDS);
            Request request = messages.createRequest(target, method, callId, cseq, from, to, List.of(via), maxForwards);
            request.addHeader(contact(fromUser, transport));
            return request;
        });
    }

    ContactHeader contact(String user, String contactTransport) {
        return Checked.get("building a Contact", () -> {
            SipURI uri = addresses.createSipURI(user, address);
            uri.setPort(port);
            if (!ListeningPoint.UDP.equalsIgnoreCase(contactTransport)) {
                uri.setTransportParam(contactTransport.toLowerCase());
            }
            Address contactAddress = addresses.createAddress(uri);
            return headers.createContactHeader(contactAddress);
        });
    }

    /** Adds {@code name: value} parsed by the stack; unknown names become extension headers. */
    void addHeader(Message message, String name, String value) {
        Checked.run("adding header " + name + ": " + value, () -> message.addHeader(headers.createHeader(name, value)));
    }

    /** Identity of a user on this phone, for P-Asserted-Identity (RFC 3325). */
    void addAssertedIdentity(Message message, String user) {
        addHeader(message, "P-Asserted-Identity", "<sip:" + user + "@" + address + ">");
    }

    /** Sets the body; {@code contentType} may carry parameters, e.g. {@code message/sipfrag;version=2.0}. */
    void setBody(Message message, String contentType, String body) {
        Checked.run("setting a " + contentType + " body", () ->
                message.setContent(body, (ContentTypeHeader) headers.createHeader(ContentTypeHeader.NAME, contentType)));
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /**
     * Closes the listening points' sockets and stops the stack. Only {@code stop()} is called:
     * {@code deleteSipProvider} of the last provider already runs the RI's {@code stopStack()},
     * which sleeps one second, and {@code stop()} would run it (and sleep) again. {@code stop()}
     * flags the event scanner to end but leaves its thread blocked on an empty queue; one
     * harmless event (no listener is left to receive it) wakes it so it sees the flag and ends.
     */
    @Override
    public void close() {
        if (listener != null) {
            provider.removeSipListener(listener);
        }
        EventScanner scanner = eventScanner();
        stack.stop();
        if (scanner != null) {
            scanner.addEvent(new EventWrapper(new DialogTerminatedEvent(provider, null), null));
        }
    }

    private EventScanner eventScanner() {
        try {
            Field field = SipStackImpl.class.getDeclaredField("eventScanner");
            field.setAccessible(true);
            return (EventScanner) field.get(stack);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
