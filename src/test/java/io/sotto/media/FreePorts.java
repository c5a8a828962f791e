package io.sotto.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Finds UDP port blocks on 127.0.0.1 that nothing else holds, for tests that count every port. */
final class FreePorts {
    private FreePorts() {
    }

    /** The first even port of {@code count} consecutive free ports between {@code from} and {@code to}. */
    static int block(int count, int from, int to) {
        for (int first = from + (from & 1); first + count <= to; first += count + (count & 1)) {
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free UDP ports between " + from + " and " + to);
    }

    static boolean canBind(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(UdpPeer.SOTTO_IP, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean allFree(int first, int count) {
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int port = first; port < first + count; port++) {
                held.add(new DatagramSocket(new InetSocketAddress(UdpPeer.SOTTO_IP, port)));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }
}
