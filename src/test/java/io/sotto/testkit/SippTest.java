package io.sotto.testkit;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SippTest {
    @TempDir
    Path logs;

    @BeforeEach
    void requireSipp() {
        SippAssumptions.requireSipp();
    }

    @Test
    void shouldReportAVersionWithRtpStreaming() {
        assertThat(Sipp.version()).get().asString().startsWith("v3.").contains(Sipp.RTP_STREAM_FEATURE);
    }

    @Test
    void shouldEndAProcessThatOutlivesItsDeadline() throws IOException {
        int port = LoopbackPorts.freeSipPorts(1)[0];
        Sipp uas = Sipp.scenario(Scenarios.file("busy", "uas.xml"))
                .local(LOOPBACK, port).media(LOOPBACK, LoopbackPorts.freeMediaPorts(1)[0])
                .logDir(logs).start();
        uas.awaitListening(Duration.ofSeconds(5));

        SippResult result = uas.awaitExit(Duration.ofMillis(300));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(ProcessHandle.of(uas.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(LoopbackPorts.isBound(port, Transport.UDP)).isFalse();
        uas.close();
    }

    @Test
    void shouldFailToListenWhenTheSipPortIsTaken() throws IOException {
        int port = LoopbackPorts.freeSipPorts(1)[0];
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
             Sipp uas = Sipp.scenario(Scenarios.file("busy", "uas.xml"))
                     .local(LOOPBACK, port).media(LOOPBACK, LoopbackPorts.freeMediaPorts(1)[0])
                     .logDir(logs).start()) {
            assertThat(taken.isBound()).isTrue();
            assertThatThrownBy(() -> uas.awaitListening(Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited");
        }
    }
}
