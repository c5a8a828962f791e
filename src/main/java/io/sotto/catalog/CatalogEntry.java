package io.sotto.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One finished recording as the catalog holds it.
 *
 * @param wavPath  the WAV, relative to {@code recording.dir}
 * @param jsonPath the metadata, relative to {@code recording.dir}
 */
public record CatalogEntry(String recordingId, String callId, String direction, String caller, String callee,
                           String number, List<String> agents, Instant startedAt, Instant endedAt, long durationMs,
                           String endReason, String wavPath, String jsonPath) {

    public CatalogEntry {
        agents = List.copyOf(agents);
    }
}
