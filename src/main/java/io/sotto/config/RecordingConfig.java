package io.sotto.config;

import java.nio.file.Path;

public record RecordingConfig(Path dir, RecordingFormat format, PauseBehavior pauseBehavior) {
}
