package io.sotto.recorder;

import static io.sotto.recorder.WavHeaderDescriptor.MAX_RIFF_FILE_LENGTH;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file side of one recording: a WAV at its final path that is valid at every moment. Samples
 * are appended with positional writes and the header is rewritten right after each append, so a
 * crash leaves a playable file that holds everything written before it (Aeron archive keeps its
 * {@code RecordingWriter} apart from the session logic in the same way). Used by one thread.
 */
final class WavWriter implements AutoCloseable {
    /** Writes to a regular file complete or throw; a run of empty writes means something is wrong. */
    private static final int MAX_EMPTY_WRITES = 16;

    private final Path path;
    private final WavEncoding encoding;
    private final FileChannel channel;
    private final ByteBuffer header;
    private long dataLength;

    private WavWriter(Path path, WavEncoding encoding, FileChannel channel) {
        this.path = path;
        this.encoding = encoding;
        this.channel = channel;
        this.header = ByteBuffer.allocateDirect(encoding.headerLength()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates {@code path} (which must not exist: a recording id is never reused) with a header
     * for no samples yet. On failure nothing is left behind.
     */
    static WavWriter create(Path path, WavEncoding encoding) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        WavWriter writer = new WavWriter(path, encoding, channel);
        try {
            writer.writeHeader();
        } catch (IOException e) {
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
        long position = encoding.headerLength() + dataLength;
        int emptyWrites = 0;
        while (frames.hasRemaining()) {
            int written = channel.write(frames, position);
            position += written;
            if (written == 0 && ++emptyWrites > MAX_EMPTY_WRITES) {
                throw new IOException("file system accepts no more bytes");
            }
        }
        dataLength += length;
        writeHeader();
    }

    /**
     * Cuts off anything a failed append left past the last complete frame, writes the final header,
     * forces data and metadata to the device and closes the file.
     */
    void finish() throws IOException {
        try {
            channel.truncate(encoding.headerLength() + dataLength);
            writeHeader();
            channel.force(true);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing after a failed write can fail again; the descriptor is released either way.
        }
    }

    private void writeHeader() throws IOException {
        WavHeader.write(header, encoding, dataLength);
        header.clear();
        int emptyWrites = 0;
        while (header.hasRemaining()) {
            if (channel.write(header, header.position()) == 0 && ++emptyWrites > MAX_EMPTY_WRITES) {
                throw new IOException("file system accepts no more bytes");
            }
        }
    }
}
