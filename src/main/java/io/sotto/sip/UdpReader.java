package io.sotto.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

/**
 * JAIN-SIP's UDP listener, receiving every datagram into one array instead of a new one each.
 *
 * <p>The RI's reader allocates {@link SipStackImpl#MAX_DATAGRAM_SIZE} bytes (64 KiB) for each
 * datagram. At 600 call setups a second that was about 320 MB/s of garbage, most of what Sotto
 * allocated, and a young collection every 2 s; while one ran, the kernel filled the socket and
 * dropped ACKs and BYEs (docs/architecture.md, "Known limits"). This reader queues a copy of
 * each datagram's own length, the only part the stack's thread reads: it copies from offset 0
 * for the datagram's length before parsing.
 *
 * <p>It starts one stack thread, as {@code SipEdge} configures the stack
 * ({@code THREAD_POOL_SIZE} 1): more would parse UDP messages out of order.
 */
final class UdpReader extends UDPMessageProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(UdpReader.class);

    UdpReader(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
        super(address, stack, port);
    }

    /**
     * Starts the stack thread here, where the RI's reader does it in {@code run()} on its own
     * thread, so that a stop which follows at once finds it.
     */
    @Override
    public void start() throws IOException {
        super.start();
        LinkedList<UDPMessageChannel> threads = new LinkedList<>();
        threads.add(new StackThread(sipStack, this));
        messageChannels = threads;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[SipStackImpl.MAX_DATAGRAM_SIZE];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        boolean failing = false;
        while (isRunning) {
            try {
                received.setLength(buffer.length);
                sock.receive(received);
                DatagramPacket datagram = new DatagramPacket(Arrays.copyOf(buffer, received.getLength()),
                        received.getLength(), received.getAddress(), received.getPort());
                messageQueue.offer(new DatagramQueuedMessageDispatch(datagram, System.currentTimeMillis()));
                failing = false;
            } catch (IOException | RuntimeException e) {
                if (!isRunning || sock.isClosed()) {
                    return;
                }
                // once per run of failures: an error that repeats on every receive must not flood the log
                if (!failing) {
                    LOG.warn("SIP over UDP: cannot receive on {}:{}: {}", getIpAddress().getHostAddress(),
                            getPort(), e.toString());
                }
                failing = true;
            }
        }
    }

    /** The stack's thread that parses what the reader queues; the RI's constructor starts it. */
    private static final class StackThread extends UDPMessageChannel {
        StackThread(SIPTransactionStack stack, UdpReader reader) {
            super(stack, reader, ((SipStackImpl) stack).getStackName() + "-UDPMessageChannelThread-0");
        }
    }
}
