package io.sotto.recorder;

import static io.sotto.recorder.WavHeaderDescriptor.MAX_RIFF_FILE_LENGTH;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

import org.agrona.IoUtil;

/**
 * The file side of one recording: a WAV at its final path that is valid at every moment. Samples
 * are appended with positional writes and the header is rewritten right after each append, so a
 * crash leaves a playable file that holds everything written before it (Aeron archive keeps its
 * {@code RecordingWriter} apart from the session logic in the same way). A packet that arrives
 * after its frames were appended is patched into them in place ({@link #readFrames},
 * {@link #overwriteFrames}): the length, and so the header, does not change.
 *
 * <p>The header is rewritten through a memory mapping of the file's first bytes: the same page
 * of the page cache that {@code read}, a crash and {@code fsync} see, but a store instead of a
 * second {@code pwrite} for every append. The recorder thread spent most of its time in
 * {@code pwrite}, and half of those calls were this header (docs/recording.md, "Threads and
 * allocation").
 *
 * <p>Used by the recorder thread until {@link #completeHeader()}, then handed, through the
 * finishing queue (which orders the hand-over), to one finisher thread that forces, checksums and
 * closes it.
 */
final class WavWriter implements AutoCloseable {
    /** Writes to a regular file complete or throw; a run of empty writes means something is wrong. */
    private static final int MAX_EMPTY_WRITES = 16;

    private final Path path;
    private final WavEncoding encoding;
    private final FileChannel channel;
    /** The header's bytes in the page cache; null until the file has them, and after {@link #close()}. */
    private MappedByteBuffer header;
    private long dataLength;

    private WavWriter(Path path, WavEncoding encoding, FileChannel channel) {
        this.path = path;
        this.encoding = encoding;
        this.channel = channel;
    }

    /**
     * Creates {@code path} (which must not exist: a recording id is never reused) with a header
     * for no samples yet. On failure nothing is left behind.
     */
    static WavWriter create(Path path, WavEncoding encoding) throws IOException {
        // READ too: late packets are patched into frames read back, and the finisher checksums through it.
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        WavWriter writer = new WavWriter(path, encoding, channel);
        try {
            writer.createHeader();
        } catch (IOException | RuntimeException e) {
            writer.close();
            Files.deleteIfExists(path);
            throw e;
        }
        return writer;
    }

    Path path() {
        return path;
    }

    WavEncoding encoding() {
        return encoding;
    }

    long dataLength() {
        return dataLength;
    }

    long frames() {
        return dataLength / encoding.blockAlign();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Appends the whole frames between {@code frames}' position and limit, then updates the header
     * sizes. The sizes only ever cover bytes that were written completely.
     */
    void append(ByteBuffer frames) throws IOException {
        int length = frames.remaining();
        if (encoding.headerLength() + dataLength + length > MAX_RIFF_FILE_LENGTH) {
            throw new IOException("WAV reached the 4 GiB RIFF size limit");
        }
        writeFully(frames, encoding.headerLength() + dataLength);
        dataLength += length;
        writeHeader();
    }

    /**
     * Reads {@code count} whole frames from frame {@code frame} on into {@code dst} from index 0,
     * leaving its position 0 and its limit after the frames. They must all have been appended.
     */
    void readFrames(ByteBuffer dst, long frame, int count) throws IOException {
        int length = count * encoding.blockAlign();
        long position = encoding.headerLength() + frame * encoding.blockAlign();
        if (frame < 0 || position + length > encoding.headerLength() + dataLength) {
            throw new IOException("frames " + frame + "+" + count + " are not in the file");
        }
        dst.clear().limit(length);
        while (dst.hasRemaining()) {
            if (channel.read(dst, position + dst.position()) < 0) {
                throw new IOException("file ends before the frames written to it");
            }
        }
        dst.flip();
    }

    /** Writes {@code frames} over frames already appended, from frame {@code frame} on. */
    void overwriteFrames(ByteBuffer frames, long frame) throws IOException {
        long position = encoding.headerLength() + frame * encoding.blockAlign();
        if (frame < 0 || position + frames.remaining() > encoding.headerLength() + dataLength) {
            throw new IOException("frames from " + frame + " are not in the file");
        }
        writeFully(frames, position);
    }

    private void writeFully(ByteBuffer src, long position) throws IOException {
        int emptyWrites = 0;
        while (src.hasRemaining()) {
            int written = channel.write(src, position);
            position += written;
            if (written == 0 && ++emptyWrites > MAX_EMPTY_WRITES) {
                throw new IOException("file system accepts no more bytes");
            }
        }
    }

    /** Forgets the frames from {@code frames} on; {@link #completeHeader()} cuts them off the file. */
    void cutTo(long frames) {
        dataLength = Math.min(dataLength, frames * encoding.blockAlign());
    }

    /**
     * The recorder's last write: cuts off anything a failed append left past the last complete
     * frame and writes the final header. Forcing, checksumming and closing are the finisher's.
     */
    void completeHeader() throws IOException {
        channel.truncate(encoding.headerLength() + dataLength);
        writeHeader();
    }

    /** Forces what was written to the device; {@code metadata}: the file's size and times too. */
    void force(boolean metadata) throws IOException {
        channel.force(metadata);
    }

    /**
     * SHA-256 of the whole file as it is now, read through the open channel (from the page cache,
     * where the recorder's writes still are) with {@code chunk} as the read buffer.
     */
    byte[] sha256(MessageDigest digest, ByteBuffer chunk) throws IOException {
        digest.reset();
        long size = channel.size();
        long position = 0;
        while (position < size) {
            chunk.clear();
            int read = channel.read(chunk, position);
            if (read < 0) {
                break;
            }
            position += read;
            chunk.flip();
            digest.update(chunk);
        }
        return digest.digest();
    }

    @Override
    public void close() {
        if (header != null) {
            // at once rather than when the collector finds the buffer: a busy server starts
            // hundreds of recordings a second, and each mapping holds a kernel map area until then
            IoUtil.unmap(header);
            header = null;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing after a failed write can fail again; the descriptor is released either way.
        }
    }

    /**
     * Writes the first header with a {@code pwrite}, so that the file holds its bytes (a mapping
     * past the end of a file faults), then maps them for the updates.
     */
    private void createHeader() throws IOException {
        ByteBuffer first = ByteBuffer.allocate(encoding.headerLength()).order(ByteOrder.LITTLE_ENDIAN);
        WavHeader.write(first, encoding, dataLength);
        writeFully(first, 0);
        header = channel.map(FileChannel.MapMode.READ_WRITE, 0, encoding.headerLength());
        header.order(ByteOrder.LITTLE_ENDIAN);
    }

    private void writeHeader() {
        WavHeader.write(header, encoding, dataLength);
    }
}
