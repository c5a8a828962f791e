package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.ConfigLoader;
import io.sotto.testkit.LoopbackPorts;
import io.sotto.testkit.Transport;

class SottoLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void endsEveryThreadAndFreesItsSipPortWhenClosed() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        SottoUnderTest sotto = SottoUnderTest.start(dir);
        int sipPort = sotto.sipPort();
        assertThat(LoopbackPorts.isBound(sipPort, Transport.UDP)).isTrue();

        sotto.close();

        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> left = startedSince(before);
        while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            left = startedSince(before);
        }
        assertThat(left).as("threads Sotto started and left running").isEmpty();
        assertThat(LoopbackPorts.isBound(sipPort, Transport.UDP)).isFalse();
        assertThat(LoopbackPorts.isBound(sipPort, Transport.TCP)).isFalse();
    }

    @Test
    void refusesToStartNamingTheAddressWhenTheSipPortIsTaken() throws Exception {
        int[] ports = LoopbackPorts.freeSipPorts(2);
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LoopbackPorts.LOOPBACK, ports[0]))) {
            var config = ConfigLoader.load(null, List.of(
                    "sip.listen=127.0.0.1:" + ports[0], "http.listen=127.0.0.1:" + ports[1],
                    "media.ports=15800-15899", "recording.dir=" + dir));

            assertThatThrownBy(() -> Sotto.start(config))
                    .hasMessageContaining("127.0.0.1:" + ports[0]);
        }
    }

    @Test
    void refusesToStartBeforeOpeningAnySocketWhenTheCatalogDatabaseCannotBeReached() {
        int[] ports = LoopbackPorts.freeSipPorts(3);
        var config = ConfigLoader.load(null, List.of(
                "sip.listen=127.0.0.1:" + ports[0], "http.listen=127.0.0.1:" + ports[1],
                "media.ports=15800-15899", "recording.dir=" + dir, "catalog.database=postgresql",
                "catalog.url=jdbc:postgresql://127.0.0.1:" + ports[2] + "/sotto", "catalog.password=secret"));

        assertThatThrownBy(() -> Sotto.start(config))
                .hasMessageStartingWith("cannot open the recordings catalog (catalog.database postgresql at"
                        + " jdbc:postgresql://127.0.0.1:" + ports[2] + "/sotto)")
                .hasMessageNotContaining("secret");
        assertThat(LoopbackPorts.isBound(ports[0], Transport.UDP)).isFalse();
    }

    private static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .collect(Collectors.toList());
    }
}
