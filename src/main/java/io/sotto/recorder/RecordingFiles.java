package io.sotto.recorder;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One recording's files as the finishing stage knows them. Created by the recorder thread and
 * passed in every {@link FinishingTask} of the recording; {@link #error} is read and written only
 * by the one finisher that all of the recording's tasks go to, in order.
 */
final class RecordingFiles {
    final String recordingId;
    final Path day;
    final Path wav;
    final Path json;
    /** The first failure of the finishing stage for this recording (e.g. an interim JSON write). */
    String error;
    /** The SIPREC metadata file was last written without a force: the finish must force it. */
    boolean siprecXmlUnforced;
    /** A {@link FinishingTask.ForceWav} of this recording is queued and not yet done. */
    final AtomicBoolean forceQueued = new AtomicBoolean();

    RecordingFiles(String recordingId, Path day) {
        this.recordingId = recordingId;
        this.day = day;
        this.wav = RecordingPaths.wav(day, recordingId);
        this.json = RecordingPaths.json(day, recordingId);
    }
}
