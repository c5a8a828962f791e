package io.sotto.testkit.phone;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.function.IntSupplier;

/** A call's RTP socket with the sender and receiver that share it (symmetric RTP, RFC 4961). */
final class RtpEndpoint implements AutoCloseable {
    private final DatagramSocket socket;
    private final RtpSender sender;
    private final RtpReceiver receiver;

    private RtpEndpoint(DatagramSocket socket, String threadPrefix, IntSupplier telephoneEventPayloadType) {
        this.socket = socket;
        this.sender = new RtpSender(socket, threadPrefix + "-rtp-send-" + socket.getLocalPort());
        this.receiver = new RtpReceiver(socket, threadPrefix + "-rtp-recv-" + socket.getLocalPort(), telephoneEventPayloadType);
        receiver.start();
    }

    /** Binds an ephemeral UDP port on {@code address}. */
    static RtpEndpoint open(String address, String threadPrefix, IntSupplier telephoneEventPayloadType) {
        try {
            return new RtpEndpoint(new DatagramSocket(new InetSocketAddress(address, 0)), threadPrefix, telephoneEventPayloadType);
        } catch (SocketException e) {
            throw new IllegalStateException("cannot bind an RTP port on " + address + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    RtpSender sender() {
        return sender;
    }

    RtpReceiver receiver() {
        return receiver;
    }

    @Override
    public void close() {
        sender.stop();
        socket.close();
        receiver.join(Duration.ofSeconds(1));
    }
}
