package io.sotto.recorder;

import static io.sotto.recorder.WavHeaderDescriptor.CHUNK_HEADER_LENGTH;
import static io.sotto.recorder.WavHeaderDescriptor.RIFF_SIZE_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.github.f4b6a3.ulid.Ulid;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.recorder.RecordingMetadata.Segment;

/**
 * Start-up repair of what a crash (kill -9, power cut) left in the recordings directory (README,
 * "Recordings on disk"; docs/recording.md): every WAV is made consistent with its length, and every
 * recording left unfinished gets a complete JSON. Run before the recorder agent starts, while no
 * recording is open.
 */
public final class RecordingRepair {
    static final String RECOVERED = "recovered after crash";
    static final String RECOVERED_WITHOUT_METADATA = "recovered after crash; metadata was lost";
    /** Our headers are 44 or 58 bytes; this is room for a foreign header with a few extra chunks. */
    private static final int HEADER_READ_LENGTH = 4096;
    private static final String SILENCE = "silence";
    private static final Logger LOG = LoggerFactory.getLogger(RecordingRepair.class);

    private RecordingRepair() {
    }

    /**
     * Repairs every recording under {@code dir}; one that cannot be repaired is logged and left as
     * it is.
     *
     * @return how many recordings were repaired (WAV sizes fixed, JSON completed or recreated)
     */
    public static int repairAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> wavs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(RecordingPaths.JSON_SUFFIX + MetadataFiles.TEMP_SUFFIX)) {
                    // A JSON write cut short: the complete previous version is still beside it.
                    Files.deleteIfExists(file);
                    LOG.info("Removed half-written metadata {}", file);
                } else if (name.endsWith(RecordingPaths.WAV_SUFFIX) && Files.isRegularFile(file)) {
                    wavs.add(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot scan {} for recordings to repair: {}", dir, e.toString());
        }
        int repaired = 0;
        for (Path wav : wavs) {
            try {
                if (repair(wav)) {
                    repaired++;
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Cannot repair recording {}: {}; left as it is", wav, e.toString());
            }
        }
        if (repaired > 0) {
            LOG.warn("Repaired {} recording(s) left unfinished by a crash under {}", repaired, dir);
        }
        return repaired;
    }

    private static boolean repair(Path wav) throws IOException {
        WavLayout layout;
        long frames;
        boolean wavRepaired;
        try (FileChannel channel = FileChannel.open(wav, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            layout = parseOrRewriteCutOffHeader(channel, wav);
            if (layout.blockAlign() <= 0 || layout.sampleRate() <= 0) {
                throw new IllegalArgumentException("fmt chunk has no block size or sample rate");
            }
            long fileLength = channel.size();
            long dataLength = Math.max(0, fileLength - layout.dataOffset());
            dataLength -= dataLength % layout.blockAlign();
            frames = dataLength / layout.blockAlign();
            wavRepaired = fixSizes(channel, layout, fileLength, dataLength, frames);
        }
        if (wavRepaired) {
            LOG.warn("Repaired WAV {}: sizes set to {} frames ({} ms)", wav, frames, durationMs(frames, layout));
        }
        boolean jsonRepaired = repairMetadata(wav, layout, frames, wavRepaired);
        return wavRepaired || jsonRepaired;
    }

    private static WavLayout parseOrRewriteCutOffHeader(FileChannel channel, Path wav) throws IOException {
        ByteBuffer header = readHeader(channel);
        try {
            return WavHeader.parse(header);
        } catch (IllegalArgumentException e) {
            if (!isCutOffHeader(header)) {
                throw e;
            }
            writeEmptyHeader(channel, wav);
            return WavHeader.parse(readHeader(channel));
        }
    }

    /** Shorter than any header Sotto writes, and what there is of it is the start of one. */
    private static boolean isCutOffHeader(ByteBuffer header) {
        int length = header.limit();
        if (length >= WavHeaderDescriptor.G711_HEADER_LENGTH) {
            return false;
        }
        byte[] start = {'R', 'I', 'F', 'F'};
        for (int i = 0; i < Math.min(length, start.length); i++) {
            if (header.get(i) != start[i]) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer readHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_READ_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
            // Reads until the buffer is full or the file ends.
        }
        return header.flip();
    }

    /**
     * A crash between creating the file and writing its first header leaves it shorter than any
     * header: it held no audio, so it becomes an empty WAV in the format its JSON names, if any.
     */
    private static void writeEmptyHeader(FileChannel channel, Path wav) throws IOException {
        WavEncoding encoding = WavEncoding.PCM16;
        Path json = RecordingPaths.jsonBeside(wav);
        if (Files.exists(json)) {
            RecordingMetadata metadata = MetadataFiles.read(json);
            if ("g711".equals(metadata.format())) {
                encoding = metadata.codec() != null && metadata.codec().startsWith("PCMA")
                        ? WavEncoding.ALAW : WavEncoding.MULAW;
            }
        }
        ByteBuffer header = ByteBuffer.allocate(encoding.headerLength()).order(ByteOrder.LITTLE_ENDIAN);
        WavHeader.write(header, encoding, 0);
        channel.truncate(0);
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
        LOG.warn("WAV {} was cut off before its header: rewritten as an empty {} file", wav, encoding);
    }

    /** Cuts a partial trailing frame and puts RIFF, data and fact sizes right; true if anything changed. */
    private static boolean fixSizes(FileChannel channel, WavLayout layout, long fileLength, long dataLength,
                                    long frames) throws IOException {
        long validLength = layout.dataOffset() + dataLength;
        boolean changed = false;
        if (validLength != fileLength) {
            channel.truncate(validLength);
            changed = true;
        }
        changed |= putSize(channel, RIFF_SIZE_OFFSET, layout.riffSize(), validLength - CHUNK_HEADER_LENGTH);
        changed |= putSize(channel, layout.dataSizeOffset(), layout.dataSize(), dataLength);
        if (layout.hasFact()) {
            changed |= putSize(channel, layout.factFramesOffset(), layout.factFrames(), frames);
        }
        if (changed) {
            channel.force(true);
        }
        return changed;
    }

    private static boolean putSize(FileChannel channel, int offset, long current, long wanted) throws IOException {
        if (current == wanted) {
            return false;
        }
        ByteBuffer size = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        size.putInt(0, (int) wanted);
        while (size.hasRemaining()) {
            channel.write(size, offset + size.position());
        }
        return true;
    }

    private static boolean repairMetadata(Path wav, WavLayout layout, long frames, boolean wavRepaired)
            throws IOException {
        Path json = RecordingPaths.jsonBeside(wav);
        long durationMs = durationMs(frames, layout);
        String endedAt = Files.getLastModifiedTime(wav).toInstant().toString();
        // Empty: an interim JSON renamed into place but not forced (recording.fsync on_finish),
        // then a power cut before the kernel wrote it back.
        if (!Files.exists(json) || Files.size(json) == 0) {
            MetadataFiles.write(json, minimal(wav, layout, durationMs, endedAt));
            LOG.warn("Recording {} had no metadata: wrote {} from its WAV header", wav, json);
            return true;
        }
        RecordingMetadata metadata = MetadataFiles.read(json);
        if (metadata.endedAt() == null) {
            MetadataFiles.write(json, metadata.recovered(endedAt, durationMs,
                    closeOpenSegment(metadata, durationMs), MetadataFiles.sha256(wav), RECOVERED));
            LOG.warn("Recording {} was unfinished: completed {} ({} ms of audio kept)", wav, json, durationMs);
            return true;
        }
        if (wavRepaired) {
            MetadataFiles.write(json, metadata.withAudio(durationMs, MetadataFiles.sha256(wav)));
            return true;
        }
        return false;
    }

    /**
     * Ends a segment left open by the crash where the audio on disk ends: with silence the file
     * spans the whole recording from its first segment; with skip it holds only recorded stretches.
     */
    private static List<Segment> closeOpenSegment(RecordingMetadata metadata, long durationMs) {
        List<Segment> segments = metadata.segments() != null ? metadata.segments() : List.of();
        if (segments.isEmpty() || segments.get(segments.size() - 1).endMs() != null) {
            return segments;
        }
        Segment open = segments.get(segments.size() - 1);
        long endMs;
        if (SILENCE.equals(metadata.pauseBehavior())) {
            endMs = segments.get(0).startMs() + durationMs;
        } else {
            long closedMs = 0;
            for (Segment segment : segments.subList(0, segments.size() - 1)) {
                closedMs += segment.endMs() - segment.startMs();
            }
            endMs = open.startMs() + (durationMs - closedMs);
        }
        List<Segment> closed = new ArrayList<>(segments.subList(0, segments.size() - 1));
        closed.add(new Segment(open.startMs(), Math.max(open.startMs(), endMs)));
        return closed;
    }

    private static RecordingMetadata minimal(Path wav, WavLayout layout, long durationMs, String endedAt)
            throws IOException {
        String recordingId = RecordingPaths.recordingIdOf(wav);
        WavEncoding encoding = WavEncoding.ofFormatTag(layout.formatTag(), layout.bitsPerSample());
        String startedAt = Ulid.isValid(recordingId)
                ? Ulid.from(recordingId).getInstant().toString()
                : Instant.parse(endedAt).minusMillis(durationMs).toString();
        String format = encoding == null ? null : encoding == WavEncoding.PCM16 ? "pcm16" : "g711";
        return new RecordingMetadata(recordingId, null, List.of(), null, null, null, List.of(), null, startedAt,
                endedAt, durationMs, null, RecordingMetadata.CHANNELS, encoding == null ? null : encoding.g711Codec(),
                format, null, List.of(), List.of(), RecordingMetadata.END_REASON_ERROR, List.of(),
                MetadataFiles.sha256(wav), RECOVERED_WITHOUT_METADATA);
    }

    private static long durationMs(long frames, WavLayout layout) {
        return frames * 1000 / layout.sampleRate();
    }
}
