package io.sotto.api;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import io.sotto.metrics.CycleTimes;

/**
 * The duty cycles of Sotto's threads as a Prometheus histogram,
 * {@code sotto_duty_cycle_seconds{thread="calls|recorder|media-N"}}, and the longest cycle of each
 * since the start, {@code sotto_duty_cycle_longest_seconds}, and of the last 10 to 20 s,
 * {@code sotto_duty_cycle_recent_longest_seconds}. Built from {@link CycleTimes}
 * snapshots at scrape time.
 */
final class DutyCycleCollector implements MultiCollector {
    private static final String CYCLES = "sotto_duty_cycle_seconds";
    private static final String LONGEST = "sotto_duty_cycle_longest_seconds";
    private static final String RECENT = "sotto_duty_cycle_recent_longest_seconds";
    private static final double[] BOUNDS = CycleTimes.boundsSeconds();

    private final MetricsSource source;

    DutyCycleCollector(MetricsSource source) {
        this.source = source;
    }

    @Override
    public MetricSnapshots collect() {
        HistogramSnapshot.Builder cycles = HistogramSnapshot.builder().name(CYCLES)
                .help("How long a thread's duty cycle ran: a busy doWork() of the call conductor (calls) and the "
                        + "recorder (recorder); for a media event loop (media-N), how late a task queued on it ran.");
        GaugeSnapshot.Builder longest = GaugeSnapshot.builder().name(LONGEST)
                .help("The longest duty cycle of each thread since the start, warm-up included "
                        + "(see sotto_duty_cycle_seconds).");
        GaugeSnapshot.Builder recent = GaugeSnapshot.builder().name(RECENT)
                .help("The longest duty cycle of each thread in the last 10 to 20 seconds.");
        for (CycleTimes.Snapshot thread : source.dutyCycles()) {
            Labels labels = Labels.of("thread", thread.thread());
            ClassicHistogramBuckets.Builder buckets = ClassicHistogramBuckets.builder();
            long[] counts = thread.counts();
            for (int i = 0; i < BOUNDS.length; i++) {
                buckets.bucket(BOUNDS[i], counts[i]);
            }
            buckets.bucket(Double.POSITIVE_INFINITY, counts[BOUNDS.length]);
            cycles.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(labels).classicHistogramBuckets(buckets.build()).sum(thread.sumSeconds()).build());
            longest.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels).value(thread.longestSeconds()).build());
            recent.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels).value(thread.recentLongestSeconds()).build());
        }
        return new MetricSnapshots(cycles.build(), longest.build(), recent.build());
    }
}
