package io.sotto.config;

import java.nio.file.Path;

public record RecordingConfig(Path dir, RecordingFormat format, PauseBehavior pauseBehavior, FsyncPolicy fsync) {

    /** With the default {@code recording.fsync: on_finish}. */
    public RecordingConfig(Path dir, RecordingFormat format, PauseBehavior pauseBehavior) {
        this(dir, format, pauseBehavior, FsyncPolicy.ON_FINISH);
    }
}
