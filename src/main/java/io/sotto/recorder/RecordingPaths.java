package io.sotto.recorder;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Where a recording's files live: {@code <dir>/YYYY/MM/DD/<recordingId>.wav|.json}, the date the UTC
 * date of its start (README, "Recordings on disk").
 */
final class RecordingPaths {
    static final String WAV_SUFFIX = ".wav";
    static final String JSON_SUFFIX = ".json";
    /** Ids become file names: nothing that could leave the day directory or confuse a shell. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** {@code YYYY/MM/DD} of an instant in UTC; the year always four digits. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);

    private RecordingPaths() {
    }

    static boolean isSafeId(String recordingId) {
        return recordingId != null && SAFE_ID.matcher(recordingId).matches();
    }

    /**
     * The day directory, by the UTC date of the recording's start. One formatter, built once: the
     * recorder thread asks once per recording, and {@code String.format} (a Formatter and the
     * locale's digits each time) was a quarter of that thread's time at 400 call setups a second.
     */
    static Path dayDirectory(Path root, long startedAtEpochMs) {
        return root.resolve(DAY.format(Instant.ofEpochMilli(startedAtEpochMs)));
    }

    static Path wav(Path dayDirectory, String recordingId) {
        return dayDirectory.resolve(recordingId + WAV_SUFFIX);
    }

    static Path json(Path dayDirectory, String recordingId) {
        return dayDirectory.resolve(recordingId + JSON_SUFFIX);
    }

    /** The metadata file beside a WAV. */
    static Path jsonBeside(Path wav) {
        return wav.resolveSibling(recordingIdOf(wav) + JSON_SUFFIX);
    }

    static String recordingIdOf(Path wav) {
        String name = wav.getFileName().toString();
        return name.endsWith(WAV_SUFFIX) ? name.substring(0, name.length() - WAV_SUFFIX.length()) : name;
    }
}
