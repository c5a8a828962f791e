package io.sotto.api;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import io.sotto.media.MediaCounters;

/**
 * Sotto's Prometheus metrics, in a registry of their own (not the client's global default, so
 * two instances in one JVM do not meet). Each is a callback that reads a {@link MetricsSource}
 * snapshot when scraped: nothing is counted here, and the media path does no extra work.
 */
final class SottoMetrics {
    private SottoMetrics() {
    }

    static PrometheusRegistry registry(MetricsSource source) {
        PrometheusRegistry registry = new PrometheusRegistry();

        gauge(registry, "sotto_calls_active", "Calls in progress.", source::activeCalls);
        gauge(registry, "sotto_rtp_ports_in_use", "UDP ports bound for RTP and RTCP, four per media session.",
                source::rtpPortsInUse);
        gauge(registry, "sotto_media_sessions", "Media sessions open, one per call with media.",
                source::mediaSessions);
        gauge(registry, "sotto_recordings_active", "Recordings started and not yet finished.",
                source::activeRecordings);
        gauge(registry, "sotto_recording_files_open", "WAV files open for writing.", source::openRecordingFiles);

        counter(registry, "sotto_sip_forbidden_total",
                "SIP requests refused with 403 Forbidden because they came from no configured peer.",
                source::sipForbidden);
        counter(registry, "sotto_sip_events_shed_total",
                "SIP events dropped because the call conductor's queue was full (overload).", source::sipEventsShed);
        counter(registry, "sotto_sip_invite_resends_dropped_total",
                "Resent INVITEs (the caller's timer A) dropped as they arrived: their server transaction, made "
                        + "on arrival, answers them.", source::sipInviteResendsDropped);

        counter(registry, "sotto_rtp_relayed_total", "RTP and RTCP packets relayed to the other side.",
                () -> source.media().relayed());
        CounterWithCallback.builder()
                .name("sotto_rtp_dropped_total")
                .help("RTP and RTCP packets not relayed, by reason: no_destination (the other side has no "
                        + "address yet or is on hold), foreign_source (not from the latched peer), "
                        + "malformed (failed the RFC 3550 header checks), congested (send buffer full).")
                .labelNames("reason")
                .callback(callback -> {
                    MediaCounters media = source.media();
                    callback.call(media.droppedNoDestination(), "no_destination");
                    callback.call(media.droppedForeignSource(), "foreign_source");
                    callback.call(media.droppedMalformed(), "malformed");
                    callback.call(media.droppedCongested(), "congested");
                })
                .register(registry);
        counter(registry, "sotto_rtp_forked_total", "RTP packets copied to the recorder.",
                () -> source.media().forked());
        counter(registry, "sotto_rtp_fork_dropped_total",
                "RTP packets not copied to the recorder: its ring was full or the payload too long.",
                () -> source.media().forkDropped());
        counter(registry, "sotto_media_errors_total",
                "Socket errors (e.g. ICMP port unreachable from a peer) and unexpected failures in the relay.",
                () -> source.media().errors());

        counter(registry, "sotto_recorder_packets_written_total", "Audio packets placed in a recording.",
                () -> source.recorder().packetsWritten());
        counter(registry, "sotto_recorder_late_packets_dropped_total",
                "Audio packets that arrived more than 10 s after their place in the recording (or, after a "
                        + "resume, belonging before it), dropped.",
                () -> source.recorder().latePacketsDropped());
        counter(registry, "sotto_recorder_late_packets_written_total",
                "Audio packets that arrived after their frames were on disk and were written into the file at "
                        + "their place (a burst after a stall, reordering).",
                () -> source.recorder().latePacketsWritten());
        gauge(registry, "sotto_recorder_finishing_backlog",
                "Finishing tasks of recordings (fsync, checksum, JSON) handed over and not yet done.",
                () -> (int) source.recorder().finishingBacklog());
        counter(registry, "sotto_recorder_paused_packets_discarded_total",
                "Audio packets that arrived while the recording was paused or stopped, never written.",
                () -> source.recorder().pausedPacketsDiscarded());
        counter(registry, "sotto_recorder_fsyncs_total",
                "Recording files and day directories forced to the device (per recording.fsync).",
                () -> source.recorder().fsyncs());
        counter(registry, "sotto_recorder_wav_appends_total",
                "Writes that appended audio to a WAV: a flush of 100 ms or more of a recording takes one or two.",
                () -> source.recorder().wavAppends());
        counter(registry, "sotto_recorder_write_errors_total",
                "Failed recording file operations (disk full, permissions); the recording is marked error.",
                () -> source.recorder().writeErrors());
        counter(registry, "sotto_recordings_started_total", "Recordings started.",
                () -> source.recorder().recordingsStarted());
        counter(registry, "sotto_recordings_finished_total", "Recordings finished and closed.",
                () -> source.recorder().recordingsFinished());
        counter(registry, "sotto_fork_control_lost_total",
                "Recording control records (start, pause, resume, stop) lost because the queue of those "
                        + "waiting for room in the recorder's ring was full.", source::forkControlLost);
        gauge(registry, "sotto_fork_control_waiting",
                "Recording control records waiting for room in the recorder's ring (their calls fork no audio "
                        + "meanwhile).", source::forkControlWaiting);
        gauge(registry, "sotto_fork_ring_used_bytes", "Bytes in the recorder's ring not yet read by the recorder.",
                source::forkRingFillBytes);
        gauge(registry, "sotto_fork_ring_capacity_bytes", "Size of the recorder's ring.",
                source::forkRingCapacityBytes);
        gauge(registry, "sotto_conductor_commands_queued",
                "Commands (SIP events, API actions) queued for the call conductor.", source::conductorCommandsQueued);
        gauge(registry, "sotto_conductor_completions_queued",
                "Completions of work the call conductor handed to other threads (media bound), not yet run.",
                source::conductorCompletionsQueued);
        registry.register(new DutyCycleCollector(source));
        return registry;
    }

    private static void gauge(PrometheusRegistry registry, String name, String help, IntSupplier value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsInt()))
                .register(registry);
    }

    private static void counter(PrometheusRegistry registry, String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }
}
