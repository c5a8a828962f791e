package io.sotto.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Reads and writes recording metadata files, and checksums WAVs; never on the audio path. */
final class MetadataFiles {
    static final String TEMP_SUFFIX = ".tmp";
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private MetadataFiles() {
    }

    /**
     * Replaces {@code json} in one step (written beside it, then renamed over it), so that a reader
     * or a crash sees either the old complete file or the new complete file.
     */
    static void write(Path json, RecordingMetadata metadata) throws IOException {
        write(json, metadata, true);
    }

    /**
     * As {@link #write(Path, RecordingMetadata)}; without {@code force} the new file is not forced
     * to the device before the rename ({@code recording.fsync: never}), so a power cut (not a
     * crash of Sotto) may leave it empty.
     */
    static void write(Path json, RecordingMetadata metadata, boolean force) throws IOException {
        replace(json, MetadataJson.bytes(MAPPER, metadata), force);
    }

    /** Replaces {@code file} with {@code content} in one step, as {@link #write} does the JSON. */
    static void replace(Path file, byte[] content, boolean force) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (force) {
                    // On the device before the rename, so that a power cut cannot leave an empty file.
                    channel.force(true);
                }
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    static RecordingMetadata read(Path json) throws IOException {
        return MAPPER.readValue(json.toFile(), RecordingMetadata.class);
    }

    /**
     * Adds {@code linkedId} to the finished recording's {@code linkedRecordings}, rewriting the
     * file in one step; the WAV and its checksum are untouched.
     *
     * @return the metadata as now on disk
     */
    static RecordingMetadata addLink(Path json, String linkedId) throws IOException {
        RecordingMetadata metadata = read(json);
        if (metadata.linkedRecordings() != null && metadata.linkedRecordings().contains(linkedId)) {
            return metadata;
        }
        RecordingMetadata linked = metadata.withLink(linkedId);
        write(json, linked);
        return linked;
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * Forces a file, or a directory's entries (a new or renamed file in it), to the device; a file
     * written earlier without a force, through any descriptor, is covered (fsync acts on the inode).
     */
    static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                digest.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
