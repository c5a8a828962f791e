package io.sotto.catalog;

import java.time.Instant;

/**
 * One play or download of a recording.
 *
 * @param action {@link #PLAY} or {@link #DOWNLOAD}
 * @param range  the bytes sent, as {@code bytes=first-last} of the file, or null for the whole file
 */
public record AccessEntry(String recordingId, String userId, String action, String range, Instant at) {
    public static final String PLAY = "play";
    public static final String DOWNLOAD = "download";
}
