package io.sotto.sip;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * Makes the stack's listening transports: {@link UdpReader} for UDP, JAIN-SIP's own for the rest.
 * The RI creates it by name ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}), which is why
 * it is public with a constructor that takes nothing.
 */
public final class SipTransports extends OIOMessageProcessorFactory {
    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        if ("UDP".equalsIgnoreCase(transport)) {
            sendFromTheListeningSocket(stack);
            return new UdpReader(address, stack, port);
        }
        return super.createMessageProcessor(stack, address, port, transport);
    }

    /**
     * Sets the stack's package-private {@code udpFlag}, as the RI's own factory does when it makes a
     * UDP listener. Without it the stack sends each UDP message from a new socket that it closes
     * at once: the source port is not the one in Sotto's Via, and a peer that answers where the
     * request came from (RFC 3581's rport, and SIPp) reaches nothing.
     */
    private static void sendFromTheListeningSocket(SIPTransactionStack stack) throws IOException {
        try {
            Field udpFlag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            udpFlag.setAccessible(true);
            udpFlag.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("this JAIN-SIP has no udpFlag to send UDP from the listening socket", e);
        }
    }
}
