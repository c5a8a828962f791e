package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.ConfigLoader;
import io.sotto.config.SottoConfig;
import io.sotto.testkit.LoopbackPorts;

/** The HTTP edge as part of a whole Sotto started in-process on loopback ports. */
class SottoHttpTest {
    private static final String LOOPBACK = LoopbackPorts.LOOPBACK;

    @TempDir
    Path recordings;

    private final int[] ports = LoopbackPorts.freeSipPorts(2);
    private final int sipPort = ports[0];
    private final int httpPort = ports[1];
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void servesHealthAndMetricsFromTheRunningParts() throws Exception {
        Sotto sotto = Sotto.start(config());
        try {
            assertThat(sotto.httpAddress()).isEqualTo(new InetSocketAddress(LOOPBACK, httpPort));
            assertThat(get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");

            HttpResponse<String> metrics = get("/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(Arrays.asList(metrics.body().split("\n"))).contains(
                    "sotto_calls_active 0.0",
                    "sotto_rtp_ports_in_use 0.0",
                    "sotto_rtp_relayed_total 0.0",
                    "sotto_rtp_dropped_total{reason=\"foreign_source\"} 0.0",
                    "sotto_recorder_packets_written_total 0.0",
                    "sotto_sip_forbidden_total 0.0");
        } finally {
            sotto.close();
        }
        assertThat(canBindTcp(httpPort)).as("HTTP port free after close").isTrue();
    }

    @Test
    void stopsStartUpNamingHttpListenWhenItsAddressIsTakenAndFreesSip() throws Exception {
        StringWriter err = new StringWriter();
        int exitCode;
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(LOOPBACK, httpPort));

            exitCode = Main.run(overrides(), new PrintWriter(new StringWriter()), new PrintWriter(err), Main::serve);
        }

        assertThat(exitCode).isEqualTo(Main.EXIT_CANNOT_START);
        assertThat(err.toString()).startsWith("sotto: cannot start: cannot listen for HTTP on http.listen "
                + LOOPBACK + ":" + httpPort + ": ").contains("Address already in use");
        awaitFree("the SIP port " + sipPort + " (UDP and TCP)", () -> canBindUdp(sipPort) && canBindTcp(sipPort));
    }

    private SottoConfig config() {
        List<String> sets = Arrays.stream(overrides()).filter(arg -> !arg.equals("--set")).toList();
        return ConfigLoader.load(null, sets);
    }

    private String[] overrides() {
        return new String[] {
                "--set", "sip.listen=" + LOOPBACK + ":" + sipPort,
                "--set", "http.listen=" + LOOPBACK + ":" + httpPort,
                "--set", "media.ports=15000-15099",
                "--set", "recording.dir=" + recordings};
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + LOOPBACK + ":" + httpPort + path);
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitFree(String what, java.util.function.BooleanSupplier free) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!free.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what + " still bound after 5 s").isNegative();
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private static boolean canBindTcp(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBindUdp(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
