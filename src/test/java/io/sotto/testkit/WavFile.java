package io.sotto.testkit;

import static io.sotto.testkit.WavDescriptor.CHUNK_HEADER_LENGTH;
import static io.sotto.testkit.WavDescriptor.CHUNK_SIZE_OFFSET;
import static io.sotto.testkit.WavDescriptor.DATA_ID;
import static io.sotto.testkit.WavDescriptor.FACT_FRAMES_OFFSET;
import static io.sotto.testkit.WavDescriptor.FACT_ID;
import static io.sotto.testkit.WavDescriptor.FACT_LENGTH;
import static io.sotto.testkit.WavDescriptor.FIRST_CHUNK_OFFSET;
import static io.sotto.testkit.WavDescriptor.FMT_BITS_PER_SAMPLE_OFFSET;
import static io.sotto.testkit.WavDescriptor.FMT_BLOCK_ALIGN_OFFSET;
import static io.sotto.testkit.WavDescriptor.FMT_BYTE_RATE_OFFSET;
import static io.sotto.testkit.WavDescriptor.FMT_CHANNELS_OFFSET;
import static io.sotto.testkit.WavDescriptor.FMT_FORMAT_TAG_OFFSET;
import static io.sotto.testkit.WavDescriptor.FMT_ID;
import static io.sotto.testkit.WavDescriptor.FMT_PCM_LENGTH;
import static io.sotto.testkit.WavDescriptor.FMT_SAMPLE_RATE_OFFSET;
import static io.sotto.testkit.WavDescriptor.FORMAT_ALAW;
import static io.sotto.testkit.WavDescriptor.FORMAT_PCM;
import static io.sotto.testkit.WavDescriptor.FORMAT_ULAW;
import static io.sotto.testkit.WavDescriptor.RIFF_ID;
import static io.sotto.testkit.WavDescriptor.RIFF_SIZE_OFFSET;
import static io.sotto.testkit.WavDescriptor.WAVE_ID;
import static io.sotto.testkit.WavDescriptor.WAVE_ID_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A RIFF/WAVE file read whole, as a player would: chunks in any order, unknown chunks skipped,
 * PCM 16-bit (tag 1), A-law (6) and μ-law (7). A file whose header no longer matches its length
 * (a recording cut by a crash, a header not yet updated) is still read as far as its audio goes;
 * {@link #inconsistencies()} says what does not add up. Only a file that is not WAVE at all, or
 * whose header is cut short, is refused with {@link WavFormatException}.
 */
public final class WavFile {
    private final long fileLength;
    private final long riffSize;
    private final int formatCode;
    private final int channels;
    private final int sampleRate;
    private final int byteRate;
    private final int blockAlign;
    private final int bitsPerSample;
    private final long factFrames;
    private final long declaredDataLength;
    private final byte[] data;
    private final boolean trailingPartialChunk;

    private WavFile(Builder b) {
        fileLength = b.fileLength;
        riffSize = b.riffSize;
        formatCode = b.formatCode;
        channels = b.channels;
        sampleRate = b.sampleRate;
        byteRate = b.byteRate;
        blockAlign = b.blockAlign;
        bitsPerSample = b.bitsPerSample;
        factFrames = b.factFrames;
        declaredDataLength = b.declaredDataLength;
        data = b.data;
        trailingPartialChunk = b.trailingPartialChunk;
    }

    public static WavFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (WavFormatException e) {
            throw new WavFormatException(file + ": " + e.getMessage());
        }
    }

    public static WavFile parse(byte[] bytes) throws WavFormatException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < FIRST_CHUNK_OFFSET) {
            throw new WavFormatException("truncated: " + bytes.length + " bytes, the RIFF header needs "
                    + FIRST_CHUNK_OFFSET);
        }
        if (!RIFF_ID.equals(ascii(bytes, 0)) || !WAVE_ID.equals(ascii(bytes, WAVE_ID_OFFSET))) {
            throw new WavFormatException("not RIFF/WAVE: starts with '" + ascii(bytes, 0) + "'...'"
                    + ascii(bytes, WAVE_ID_OFFSET) + "'");
        }
        Builder b = new Builder();
        b.fileLength = bytes.length;
        b.riffSize = Integer.toUnsignedLong(in.getInt(RIFF_SIZE_OFFSET));
        boolean haveFmt = false;
        boolean haveData = false;
        int offset = FIRST_CHUNK_OFFSET;
        while (offset < bytes.length) {
            if (bytes.length - offset < CHUNK_HEADER_LENGTH) {
                b.trailingPartialChunk = true;
                break;
            }
            String id = ascii(bytes, offset);
            long size = Integer.toUnsignedLong(in.getInt(offset + CHUNK_SIZE_OFFSET));
            int payload = offset + CHUNK_HEADER_LENGTH;
            long available = bytes.length - (long) payload;
            if (DATA_ID.equals(id)) {
                haveData = true;
                b.declaredDataLength = size;
                b.data = Arrays.copyOfRange(bytes, payload, payload + (int) Math.min(size, available));
            } else if (FMT_ID.equals(id)) {
                requireWhole(id, size, available, FMT_PCM_LENGTH);
                readFmt(in, payload, b);
                haveFmt = true;
            } else if (FACT_ID.equals(id)) {
                requireWhole(id, size, available, FACT_LENGTH);
                b.factFrames = Integer.toUnsignedLong(in.getInt(payload + FACT_FRAMES_OFFSET));
            }
            long next = payload + size + (size & 1);
            if (next > bytes.length) {
                if (!DATA_ID.equals(id)) {
                    b.trailingPartialChunk = true;
                }
                break;
            }
            offset = (int) next;
        }
        if (!haveFmt) {
            throw new WavFormatException("no 'fmt ' chunk");
        }
        if (!haveData) {
            throw new WavFormatException("no 'data' chunk");
        }
        return new WavFile(b);
    }

    public int formatCode() {
        return formatCode;
    }

    public int channels() {
        return channels;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** Whole sample frames present in the file (not what a stale header claims). */
    public int frames() {
        return data.length / blockAlign;
    }

    public double durationSeconds() {
        return (double) frames() / sampleRate;
    }

    /** Frames a {@code fact} chunk declares, or -1 without one. */
    public long factFrames() {
        return factFrames;
    }

    /** True when every size and rate in the header agrees with the file and with each other. */
    public boolean headerConsistent() {
        return inconsistencies().isEmpty();
    }

    /** What in the header disagrees with the file, one sentence each; empty when consistent. */
    public List<String> inconsistencies() {
        List<String> problems = new ArrayList<>();
        if (riffSize + 8 != fileLength) {
            problems.add("RIFF size " + riffSize + " + 8 != file length " + fileLength);
        }
        if (declaredDataLength != data.length) {
            problems.add("data size " + declaredDataLength + " but " + data.length + " bytes present");
        }
        if (data.length % blockAlign != 0) {
            problems.add("data length " + data.length + " is not a multiple of block align " + blockAlign);
        }
        if (byteRate != sampleRate * blockAlign) {
            problems.add("byte rate " + byteRate + " != sample rate " + sampleRate + " * block align " + blockAlign);
        }
        if (formatCode != FORMAT_PCM && factFrames < 0) {
            problems.add("format " + formatCode + " without a 'fact' chunk");
        }
        if (factFrames >= 0 && factFrames != frames()) {
            problems.add("fact frames " + factFrames + " != " + frames() + " frames of data");
        }
        if (trailingPartialChunk) {
            problems.add("a chunk runs past the end of the file");
        }
        return problems;
    }

    /** One channel as 16-bit linear PCM (G.711 decoded); channel 0 is the left one. */
    public short[] channel(int index) {
        if (index < 0 || index >= channels) {
            throw new IllegalArgumentException("channel " + index + " of " + channels);
        }
        int frames = frames();
        short[] samples = new short[frames];
        int bytesPerSample = bitsPerSample / 8;
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int frame = 0; frame < frames; frame++) {
            int at = frame * blockAlign + index * bytesPerSample;
            samples[frame] = switch (formatCode) {
                case FORMAT_PCM -> in.getShort(at);
                case FORMAT_ULAW -> G711.ulawToLinear(data[at]);
                default -> G711.alawToLinear(data[at]);
            };
        }
        return samples;
    }

    private static void readFmt(ByteBuffer in, int payload, Builder b) throws WavFormatException {
        b.formatCode = Short.toUnsignedInt(in.getShort(payload + FMT_FORMAT_TAG_OFFSET));
        b.channels = Short.toUnsignedInt(in.getShort(payload + FMT_CHANNELS_OFFSET));
        b.sampleRate = in.getInt(payload + FMT_SAMPLE_RATE_OFFSET);
        b.byteRate = in.getInt(payload + FMT_BYTE_RATE_OFFSET);
        b.blockAlign = Short.toUnsignedInt(in.getShort(payload + FMT_BLOCK_ALIGN_OFFSET));
        b.bitsPerSample = Short.toUnsignedInt(in.getShort(payload + FMT_BITS_PER_SAMPLE_OFFSET));
        boolean pcm16 = b.formatCode == FORMAT_PCM && b.bitsPerSample == 16;
        boolean g711 = (b.formatCode == FORMAT_ULAW || b.formatCode == FORMAT_ALAW) && b.bitsPerSample == 8;
        if (!pcm16 && !g711) {
            throw new WavFormatException("unsupported format tag " + b.formatCode + " with "
                    + b.bitsPerSample + " bits per sample");
        }
        if (b.channels == 0 || b.sampleRate <= 0) {
            throw new WavFormatException(b.channels + " channels at " + b.sampleRate + " Hz");
        }
        if (b.blockAlign != b.channels * b.bitsPerSample / 8) {
            throw new WavFormatException("block align " + b.blockAlign + " for " + b.channels
                    + " channels of " + b.bitsPerSample + " bits");
        }
    }

    private static void requireWhole(String id, long size, long available, int minimum)
            throws WavFormatException {
        if (size < minimum) {
            throw new WavFormatException("'" + id + "' chunk of " + size + " bytes, needs " + minimum);
        }
        if (available < minimum) {
            throw new WavFormatException("'" + id + "' chunk truncated: " + available + " of " + size
                    + " bytes present");
        }
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, Math.min(4, bytes.length - offset), StandardCharsets.US_ASCII);
    }

    /** Fields collected while walking the chunks, in whatever order they come. */
    private static final class Builder {
        long fileLength;
        long riffSize;
        int formatCode;
        int channels;
        int sampleRate;
        int byteRate;
        int blockAlign;
        int bitsPerSample;
        long factFrames = -1;
        long declaredDataLength;
        byte[] data;
        boolean trailingPartialChunk;
    }
}
