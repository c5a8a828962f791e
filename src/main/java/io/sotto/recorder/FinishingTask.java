package io.sotto.recorder;

/**
 * Work the recorder thread hands to a {@link RecordingFinisher} instead of doing it between two
 * ring reads: anything that forces to disk, reads a whole file back or serialises JSON. All tasks
 * of one recording go to the same finisher, which does them in the order they were handed over.
 */
sealed interface FinishingTask {
    RecordingFiles files();

    /** Replace the recording's JSON with what is known so far (at start and at each state change). */
    record WriteMetadata(RecordingFiles files, RecordingMetadata metadata) implements FinishingTask {
    }

    /** Replace the SIPREC client's metadata file ({@code <id>.metadata.xml}) with {@code xml}. */
    record WriteSiprecMetadata(RecordingFiles files, String xml) implements FinishingTask {
    }

    /** Force the open WAV's data to the device ({@code recording.fsync: interval}). */
    record ForceWav(RecordingFiles files, WavWriter writer) implements FinishingTask {
    }

    /**
     * The recording has ended: its WAV ({@code writer}, null if it was never created) is complete
     * with its final header; force it per policy, checksum, close, write the final JSON, tell the
     * listener.
     */
    record Finish(RecordingFiles files, WavWriter writer, RecordingMetadata metadata) implements FinishingTask {
    }

    /** Name {@code linkedId} in the finished recording's JSON (the call went on after a transfer). */
    record AddLink(RecordingFiles files, String linkedId) implements FinishingTask {
    }
}
