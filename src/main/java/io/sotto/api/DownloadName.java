package io.sotto.api;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.sotto.catalog.CatalogEntry;

/**
 * The file name a downloaded recording is saved as, named after its call:
 * {@code 2026-11-22_085641_+15550199_to_+15550100.wav} (UTC start, caller, callee). Only
 * characters safe in a quoted {@code Content-Disposition} filename and on every file system.
 */
final class DownloadName {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_PARTY = 40;

    private DownloadName() {
    }

    static String of(CatalogEntry recording) {
        return STAMP.format(recording.startedAt()) + "_" + party(recording.caller()) + "_to_"
                + party(recording.callee()) + ".wav";
    }

    private static String party(String party) {
        if (party == null || party.isEmpty()) {
            return "unknown";
        }
        String safe = party.replaceAll("[^A-Za-z0-9+.-]", "_");
        return safe.length() > MAX_PARTY ? safe.substring(0, MAX_PARTY) : safe;
    }
}
