package io.sotto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.DoubleStream;

import io.sotto.testkit.ToneAnalyzer;
import io.sotto.testkit.ToneAnalyzer.Segment;
import io.sotto.testkit.ToneAudio;
import io.sotto.testkit.WavFile;

/**
 * A recorded stereo WAV read back as what each party said when: tone runs per channel, in
 * 20 ms windows, classified against every tone either party of the test audio plays.
 */
public final class RecordedAudio {
    public static final int WINDOW = 160;
    public static final double[] ALL_TONES = DoubleStream.concat(
            DoubleStream.of(ToneAudio.CALLER_TONES), DoubleStream.of(ToneAudio.CALLEE_TONES)).toArray();
    /** Runs shorter than this are edges between tones (fades, a window straddling two tones). */
    private static final int MIN_RUN_SAMPLES = 4 * WINDOW;

    private final WavFile wav;
    private final List<Segment> caller;
    private final List<Segment> callee;

    private RecordedAudio(WavFile wav) {
        this.wav = wav;
        this.caller = ToneAnalyzer.toneRuns(wav.channel(0), WINDOW, ALL_TONES);
        this.callee = ToneAnalyzer.toneRuns(wav.channel(1), WINDOW, ALL_TONES);
    }

    public static RecordedAudio read(Path file) {
        try {
            return new RecordedAudio(WavFile.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WavFile wav() {
        return wav;
    }

    /** Left channel runs, short edge runs left out. */
    public List<Segment> callerRuns() {
        return significant(caller);
    }

    /** Right channel runs, short edge runs left out. */
    public List<Segment> calleeRuns() {
        return significant(callee);
    }

    /** Seconds of {@code runs} that are a tone of {@code tones}. */
    public static double secondsOf(List<Segment> runs, double[] tones) {
        return runs.stream().filter(run -> contains(tones, run.frequencyHz()))
                .mapToDouble(run -> run.lengthSamples() / (double) ToneAnalyzer.SAMPLE_RATE).sum();
    }

    /** Seconds of {@code runs} that are a tone at all. */
    public static double toneSeconds(List<Segment> runs) {
        return runs.stream().filter(Segment::isTone)
                .mapToDouble(run -> run.lengthSamples() / (double) ToneAnalyzer.SAMPLE_RATE).sum();
    }

    /** Where the first run of {@code frequency} starts, in seconds. */
    public static Optional<Double> firstStartOf(List<Segment> runs, double frequency) {
        return runs.stream().filter(run -> run.frequencyHz() == frequency).findFirst().map(Segment::startSeconds);
    }

    /** Where the first run of {@code frequency} ends, in seconds. */
    public static Optional<Double> firstEndOf(List<Segment> runs, double frequency) {
        return runs.stream().filter(run -> run.frequencyHz() == frequency).findFirst().map(Segment::endSeconds);
    }

    /** The longest silent run, if any. */
    public static Optional<Segment> longestSilence(List<Segment> runs) {
        return runs.stream().filter(Segment::isSilence)
                .max((a, b) -> Integer.compare(a.lengthSamples(), b.lengthSamples()));
    }

    private static List<Segment> significant(List<Segment> runs) {
        return runs.stream().filter(run -> run.lengthSamples() >= MIN_RUN_SAMPLES).toList();
    }

    private static boolean contains(double[] tones, double frequency) {
        return DoubleStream.of(tones).anyMatch(tone -> tone == frequency);
    }
}
