package io.sotto.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sotto.config.HostPort;

/** {@code GET /metrics} over a loopback socket, from a source with known values. */
class MetricsEndpointTest {
    private static final List<String> METRICS = List.of(
            "sotto_calls_active", "sotto_rtp_ports_in_use", "sotto_media_sessions", "sotto_recordings_active",
            "sotto_recording_files_open", "sotto_sip_forbidden_total", "sotto_sip_events_shed_total",
            "sotto_sip_invite_resends_dropped_total", "sotto_rtp_relayed_total", "sotto_rtp_dropped_total",
            "sotto_rtp_forked_total",
            "sotto_rtp_fork_dropped_total", "sotto_media_errors_total", "sotto_recorder_packets_written_total",
            "sotto_recorder_late_packets_dropped_total", "sotto_recorder_paused_packets_discarded_total",
            "sotto_recorder_write_errors_total", "sotto_recordings_started_total", "sotto_recordings_finished_total",
            "sotto_fork_control_lost_total", "sotto_recorder_late_packets_written_total",
            "sotto_recorder_finishing_backlog", "sotto_recorder_fsyncs_total", "sotto_recorder_wav_appends_total",
            "sotto_fork_control_waiting", "sotto_fork_ring_used_bytes",
            "sotto_fork_ring_capacity_bytes", "sotto_conductor_commands_queued", "sotto_conductor_completions_queued",
            "sotto_duty_cycle_seconds", "sotto_duty_cycle_longest_seconds",
            "sotto_duty_cycle_recent_longest_seconds");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpApi api;

    @BeforeEach
    void start() {
        api = HttpApi.start(new HostPort("127.0.0.1", 0), ApiRoutes.standard(new FixedMetricsSource()));
    }

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void servesPrometheusTextOnMetrics() throws Exception {
        HttpResponse<String> response = scrape();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(lines(response)).contains(
                "# HELP sotto_rtp_relayed_total RTP and RTCP packets relayed to the other side.",
                "# TYPE sotto_rtp_relayed_total counter",
                "sotto_rtp_relayed_total 1.2345678E7",
                "# TYPE sotto_calls_active gauge",
                "sotto_calls_active 1.0");
    }

    @Test
    void readsEveryMetricFromItsOwnSourceField() throws Exception {
        assertThat(lines(scrape())).contains(
                "sotto_calls_active 1.0",
                "sotto_rtp_ports_in_use 4.0",
                "sotto_media_sessions 2.0",
                "sotto_recordings_active 3.0",
                "sotto_recording_files_open 5.0",
                "sotto_sip_forbidden_total 6.0",
                "sotto_sip_events_shed_total 7.0",
                "sotto_sip_invite_resends_dropped_total 35.0",
                "sotto_fork_control_lost_total 8.0",
                "sotto_rtp_forked_total 15.0",
                "sotto_rtp_fork_dropped_total 16.0",
                "sotto_media_errors_total 17.0",
                "sotto_recorder_packets_written_total 21.0",
                "sotto_recorder_late_packets_dropped_total 22.0",
                "sotto_recorder_write_errors_total 24.0",
                "sotto_recorder_paused_packets_discarded_total 26.0",
                "sotto_recordings_started_total 28.0",
                "sotto_recordings_finished_total 29.0",
                "sotto_recorder_late_packets_written_total 30.0",
                "sotto_recorder_finishing_backlog 31.0",
                "sotto_recorder_fsyncs_total 32.0",
                "sotto_recorder_wav_appends_total 33.0",
                "sotto_fork_control_waiting 9.0",
                "sotto_fork_ring_used_bytes 31.0",
                "sotto_fork_ring_capacity_bytes 32.0",
                "sotto_conductor_commands_queued 33.0",
                "sotto_conductor_completions_queued 34.0");
    }

    @Test
    void showsEachThreadsDutyCyclesAsAHistogramWithTheLongest() throws Exception {
        // the source recorded two cycles of the call conductor: 20 µs and 3 ms
        assertThat(lines(scrape())).contains(
                "# TYPE sotto_duty_cycle_seconds histogram",
                "sotto_duty_cycle_seconds_bucket{thread=\"calls\",le=\"1.0E-5\"} 0",
                "sotto_duty_cycle_seconds_bucket{thread=\"calls\",le=\"2.5E-5\"} 1",
                "sotto_duty_cycle_seconds_bucket{thread=\"calls\",le=\"0.0025\"} 1",
                "sotto_duty_cycle_seconds_bucket{thread=\"calls\",le=\"0.005\"} 2",
                "sotto_duty_cycle_seconds_bucket{thread=\"calls\",le=\"+Inf\"} 2",
                "sotto_duty_cycle_seconds_count{thread=\"calls\"} 2",
                "sotto_duty_cycle_longest_seconds{thread=\"calls\"} 0.003",
                "sotto_duty_cycle_recent_longest_seconds{thread=\"calls\"} 0.003");
    }

    @Test
    void countsDroppedPacketsPerReason() throws Exception {
        assertThat(lines(scrape())).contains(
                "sotto_rtp_dropped_total{reason=\"no_destination\"} 11.0",
                "sotto_rtp_dropped_total{reason=\"foreign_source\"} 12.0",
                "sotto_rtp_dropped_total{reason=\"malformed\"} 13.0",
                "sotto_rtp_dropped_total{reason=\"congested\"} 14.0");
    }

    @Test
    void describesEveryMetricWithHelpAndType() throws Exception {
        List<String> lines = lines(scrape());

        for (String metric : METRICS) {
            assertThat(lines).as(metric).anyMatch(line -> line.startsWith("# HELP " + metric + " "))
                    .anyMatch(line -> line.startsWith("# TYPE " + metric + " "));
        }
        assertThat(lines).filteredOn(line -> line.startsWith("# TYPE ")).hasSize(METRICS.size());
    }

    private HttpResponse<String> scrape() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + api.address().getPort() + "/metrics");
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> lines(HttpResponse<String> response) {
        return Arrays.asList(response.body().split("\n"));
    }
}
