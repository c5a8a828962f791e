package io.sotto.testkit.phone;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * One-way G.711 μ-law RTP from a socket of its own to a fixed address, outside any call: what a
 * SIPREC recording client sends a recording server for each party (the second stream of a SIPp
 * recording client, which streams only one).
 */
public final class RtpStream implements AutoCloseable {
    private static final int PCMU = 0;
    private static final int TELEPHONE_EVENT = 101;

    private final DatagramSocket socket;
    private final RtpSender sender;

    private RtpStream(DatagramSocket socket, InetSocketAddress destination) {
        this.socket = socket;
        this.sender = new RtpSender(socket, "rtp-stream-" + socket.getLocalPort());
        sender.retarget(new MediaTarget(destination, PCMU, TELEPHONE_EVENT));
    }

    /** Binds an ephemeral UDP port on {@code localAddress}, to send to {@code destination}. */
    public static RtpStream open(String localAddress, InetSocketAddress destination) {
        try {
            return new RtpStream(new DatagramSocket(new InetSocketAddress(localAddress, 0)), destination);
        } catch (SocketException e) {
            throw new IllegalStateException("cannot bind an RTP port on " + localAddress + ": " + e.getMessage(), e);
        }
    }

    public RtpSender sender() {
        return sender;
    }

    @Override
    public void close() {
        sender.stop();
        socket.close();
    }
}
