package io.sotto.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A phone's media socket in a test: a real UDP socket on a loopback address. */
final class UdpPeer implements AutoCloseable {
    static final String SOTTO_IP = "127.0.0.1";
    private static final int RECEIVE_TIMEOUT_MILLIS = 2_000;

    private final DatagramSocket socket;

    UdpPeer(String ip) {
        this(ip, 0);
    }

    UdpPeer(String ip, int port) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(ip, port));
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address this peer really sends from, as a NAT-free SDP would announce it. */
    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    InetAddress ip() {
        return socket.getLocalAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    void sendTo(int sottoPort, byte[] data) {
        try {
            socket.send(new DatagramPacket(data, data.length, InetAddress.getByName(SOTTO_IP), sottoPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram, waiting at most two seconds. */
    Received receive() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing received on " + address() + " within "
                    + RECEIVE_TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Received(Arrays.copyOf(buffer, packet.getLength()),
                (InetSocketAddress) packet.getSocketAddress());
    }

    @Override
    public void close() {
        socket.close();
    }

    record Received(byte[] data, InetSocketAddress source) {
    }
}
