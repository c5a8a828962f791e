package io.sotto.recorder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.sotto.fork.SiprecSession;

/**
 * The SIPREC part of a recording on disk: {@code <recordingId>.metadata.xml} beside the WAV, the
 * recording client's metadata (RFC 7865) byte for byte as it sent it, and the {@code siprec}
 * object of the JSON. Kept apart from the WAV and JSON writing so that it stays one small thing.
 */
final class SiprecFiles {
    static final String SUFFIX = ".metadata.xml";

    private SiprecFiles() {
    }

    static Path metadataXml(Path json) {
        String name = json.getFileName().toString();
        return json.resolveSibling(name.substring(0, name.length() - ".json".length()) + SUFFIX);
    }

    /**
     * Replaces the metadata file in one step (written beside it, then renamed), as the JSON is;
     * forced to the device first unless {@code recording.fsync} is {@code never}.
     */
    static void write(Path file, String xml, boolean force) throws IOException {
        MetadataFiles.replace(file, xml.getBytes(StandardCharsets.UTF_8), force);
    }

    /** The JSON's {@code siprec} object, or null for a B2BUA call. */
    static RecordingMetadata.Siprec metadataOf(SiprecSession session, Path json) {
        if (session == null) {
            return null;
        }
        return new RecordingMetadata.Siprec(session.sessionId(), session.participants(), session.notRecorded(),
                session.metadataXml() == null ? null : metadataXml(json).getFileName().toString());
    }
}
