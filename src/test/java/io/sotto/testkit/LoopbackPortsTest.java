package io.sotto.testkit;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void shouldSeeAUdpPortOnlyWhileItIsBound() throws IOException {
        int port = LoopbackPorts.freeSipPorts(1)[0];
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            assertThat(socket.isBound()).isTrue();
            assertThat(LoopbackPorts.isBound(port, Transport.UDP)).isTrue();
            assertThat(LoopbackPorts.isBoundBy(ProcessHandle.current().pid(), port, Transport.UDP)).isTrue();
            assertThat(LoopbackPorts.isBoundBy(ProcessHandle.current().parent().orElseThrow().pid(), port, Transport.UDP)).isFalse();
            assertThat(LoopbackPorts.isBound(port, Transport.TCP)).isFalse();
        }
        assertThat(LoopbackPorts.isBound(port, Transport.UDP)).isFalse();
    }

    @Test
    void shouldSeeATcpPortOnlyWhileSomethingListens() throws IOException {
        int port = LoopbackPorts.freeSipPorts(1)[0];
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            assertThat(socket.isBound()).isTrue();
            assertThat(LoopbackPorts.isBound(port, Transport.TCP)).isTrue();
        }
        assertThat(LoopbackPorts.isBound(port, Transport.TCP)).isFalse();
    }

    @Test
    void shouldHandOutDistinctPorts() {
        int[] sip = LoopbackPorts.freeSipPorts(3);
        int[] media = LoopbackPorts.freeMediaPorts(3);

        assertThat(sip).doesNotHaveDuplicates();
        for (int port : media) {
            assertThat(port % 2).isZero();
        }
        for (int i = 0; i < media.length; i++) {
            for (int j = i + 1; j < media.length; j++) {
                assertThat(Math.abs(media[i] - media[j])).isGreaterThan(2);
            }
        }
    }
}
