package io.sotto.recorder;

import java.nio.file.Path;

/**
 * Told when a recording is finished and its files are final (e.g. to index it in the catalog).
 * Called on a recording finisher's thread (after the WAV and the final JSON are on disk per
 * {@code recording.fsync}): return quickly and do not throw.
 */
@FunctionalInterface
public interface RecordingListener {
    void onFinished(RecordingMetadata metadata, Path wav, Path json);

    /**
     * A finished recording's metadata was rewritten to name a recording linked to it later (the
     * call went on after a transfer and its next recording started then); only
     * {@code linkedRecordings} changed.
     */
    default void onLinked(RecordingMetadata metadata, Path wav, Path json) {
    }
}
