package io.sotto.sip;

import java.lang.reflect.Field;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.SipListenerExt;

import io.sotto.call.CallConductor;
import io.sotto.call.RecordingControl;
import io.sotto.call.CallRegistry;
import io.sotto.config.LiveSettings;
import io.sotto.config.SottoConfig;
import io.sotto.media.MediaRelay;

/**
 * The JAIN-SIP edge: one stack listening on UDP and TCP at {@code sip.listen}. Its listener does
 * nothing but hand each event to the call conductor, so the stack's threads never touch a call;
 * the one thing it does first is make a new INVITE's server transaction ({@link NewInviteIntake}).
 * No javax.sip type leaves this package.
 */
public final class SipEdge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipEdge.class);
    private static final AtomicLong STACKS = new AtomicLong();

    private final SipStack stack;
    private final SipProvider provider;
    private final SipListenerExt listener = new Listener();
    private final B2bua b2bua;
    private final CallConductor conductor;
    private final AtomicLong shed = new AtomicLong();

    private SipEdge(SipStack stack, SipProvider provider, B2bua b2bua, CallConductor conductor) {
        this.stack = stack;
        this.provider = provider;
        this.b2bua = b2bua;
        this.conductor = conductor;
    }

    /** Binds UDP and TCP on {@code sip.listen}; throws {@link IllegalStateException} if either cannot be bound. */
    public static SipEdge start(SottoConfig config, LiveSettings settings, CallConductor conductor, MediaRelay media,
                                CallRegistry registry, RecordingControl control,
                                NanoClock nanoClock, EpochClock epochClock) {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        String host = config.sip().listen().host();
        int port = config.sip().listen().port();
        SipStack stack;
        try {
            stack = new BranchMatchedSipStack(stackProperties(host, port));
        } catch (SipException e) {
            throw new IllegalStateException("cannot create the SIP stack: " + e.getMessage(), e);
        }
        try {
            ListeningPoint udp = stack.createListeningPoint(host, port, ListeningPoint.UDP);
            ListeningPoint tcp = stack.createListeningPoint(host, port, ListeningPoint.TCP);
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            LegMessages messages = new LegMessages(factory.createHeaderFactory(),
                    factory.createAddressFactory(), factory.createMessageFactory(),
                    config.sip().advertisedHost(), port);
            B2bua b2bua = new B2bua(config, settings, provider, messages, media, registry, conductor, control, nanoClock, epochClock);
            SipEdge edge = new SipEdge(stack, provider, b2bua, conductor);
            provider.addSipListener(edge.listener);
            stack.start();
            return edge;
        } catch (Exception e) {
            stack.stop();
            throw new IllegalStateException("cannot listen for SIP on " + config.sip().listen() + ": " + e.getMessage(), e);
        }
    }

    static Properties stackProperties(String host, int port) {
        Properties properties = new Properties();
        // JAIN-SIP logs under the stack's name: a name under "jainsip." lets logback.xml quiet it
        properties.setProperty("javax.sip.STACK_NAME", "jainsip.sotto-" + port + "-" + STACKS.incrementAndGet());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        // the listener only queues events, so one stack thread keeps up; more would reorder UDP messages
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        // UDP received into one buffer, not a new 64 KiB array per datagram (UdpReader)
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", SipTransports.class.getName());
        // a burst of setups outruns the stack's reader: at 600 setups/s the socket held up to 7 MB
        // unread, and a datagram the kernel drops for want of room is an ACK or BYE lost. The
        // kernel caps this at net.core.rmem_max (docs/architecture.md, "Known limits").
        properties.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "4194304");
        properties.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "1048576");
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // a transaction keeps its request as bytes once it ends, a dialog lets go of its INVITE once
        // ACKed: the RI holds every call for 32 s after its end (RFC 3261 timers), and at 600
        // setups/s that took the live heap from 321 to 179 MB and GC pauses down by a third
        properties.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        // No MAX_CLIENT_TRANSACTIONS / MAX_SERVER_TRANSACTIONS: with a client limit the RI makes the
        // thread creating a transaction (the call conductor) wait() for room, and a server limit
        // drops requests at random; unlimited tables are the RI's default and what Sotto needs.
        // message logging would write customers' DTMF (INFO bodies) to disk: PCI forbids it
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // errors and warnings through SLF4J without a stack trace per debug line (StackLog)
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLog.class.getName());
        return properties;
    }

    /** SIP legs Sotto holds, as of the conductor's last SIP event or timer. */
    public int legCount() {
        return b2bua.legCount();
    }

    /** Requests refused because they came from no configured peer. */
    public long forbiddenCount() {
        return b2bua.forbiddenCount();
    }

    /** Resent INVITEs dropped on the stack's thread, their transaction already made ({@link NewInviteIntake}). */
    public long inviteResendsDropped() {
        return b2bua.intake().resendsDropped();
    }

    /** Events dropped because the conductor's queue was full (overload). */
    public long shedCount() {
        return shed.get();
    }

    /** Ends every call with BYE on both legs; runs on the conductor. */
    public void endAllCalls() {
        conductor.submit(b2bua::endAll);
    }

    /**
     * Stops the stack. {@code stop()} flags the RI's event scanner to end but leaves its thread
     * blocked on an empty queue for ever; one harmless event (no listener is left to take it)
     * wakes it so it sees the flag and ends.
     */
    @Override
    public void close() {
        provider.removeSipListener(listener);
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

    /** False when the conductor's queue was full and the event is dropped (counted). */
    private boolean hand(Runnable command) {
        if (conductor.submit(command)) {
            return true;
        }
        shed.incrementAndGet();
        return false;
    }

    /** The stack's listener: queues each event for the conductor and returns at once. */
    private final class Listener implements SipListenerExt {
        @Override
        public void processRequest(RequestEvent event) {
            RequestEvent taken = b2bua.intake().take(event);
            if (taken != null && !hand(() -> b2bua.onRequest(taken))) {
                b2bua.intake().refuse(taken);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            hand(() -> b2bua.onResponse(event));
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            hand(() -> b2bua.onTimeout(event));
        }

        @Override
        public void processDialogTimeout(DialogTimeoutEvent event) {
            if (event.getReason() == DialogTimeoutEvent.Reason.AckNotReceived) {
                hand(() -> b2bua.onAckTimeout(event.getDialog()));
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.warn("SIP transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }
}
