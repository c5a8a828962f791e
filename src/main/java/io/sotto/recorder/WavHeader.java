package io.sotto.recorder;

import static io.sotto.recorder.WavHeaderDescriptor.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes and reads the RIFF/WAVE header laid out in {@link WavHeaderDescriptor}. */
public final class WavHeader {
    private WavHeader() {
    }

    /**
     * Writes the complete header for {@code dataLength} bytes of samples at absolute positions
     * 0..{@link WavEncoding#headerLength()} of {@code out}, leaving its position and limit alone.
     * Allocation-free, as it runs with every write of a recording.
     *
     * @param out a little-endian buffer
     */
    public static void write(ByteBuffer out, WavEncoding encoding, long dataLength) {
        if (out.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("RIFF is little-endian; the buffer is " + out.order());
        }
        int headerLength = encoding.headerLength();
        boolean pcm = encoding == WavEncoding.PCM16;
        out.putInt(RIFF_ID_OFFSET, RIFF_ID);
        out.putInt(RIFF_SIZE_OFFSET, (int) (headerLength + dataLength - CHUNK_HEADER_LENGTH));
        out.putInt(WAVE_ID_OFFSET, WAVE_ID);
        out.putInt(FMT_ID_OFFSET, FMT_ID);
        out.putInt(FMT_SIZE_OFFSET, pcm ? PCM_FMT_SIZE : EXTENDED_FMT_SIZE);
        out.putShort(FORMAT_TAG_OFFSET, (short) encoding.formatTag());
        out.putShort(CHANNELS_OFFSET, (short) CHANNELS);
        out.putInt(SAMPLE_RATE_OFFSET, SAMPLE_RATE);
        out.putInt(BYTE_RATE_OFFSET, encoding.byteRate());
        out.putShort(BLOCK_ALIGN_OFFSET, (short) encoding.blockAlign());
        out.putShort(BITS_PER_SAMPLE_OFFSET, (short) encoding.bitsPerSample());
        if (pcm) {
            out.putInt(PCM_DATA_ID_OFFSET, DATA_ID);
            out.putInt(PCM_DATA_SIZE_OFFSET, (int) dataLength);
        } else {
            out.putShort(CB_SIZE_OFFSET, (short) 0);
            out.putInt(FACT_ID_OFFSET, FACT_ID);
            out.putInt(FACT_SIZE_OFFSET, FACT_SIZE);
            out.putInt(FACT_SAMPLE_FRAMES_OFFSET, (int) (dataLength / encoding.blockAlign()));
            out.putInt(G711_DATA_ID_OFFSET, DATA_ID);
            out.putInt(G711_DATA_SIZE_OFFSET, (int) dataLength);
        }
    }

    /**
     * Reads a header from {@code src} (from index 0 to its limit) by walking its chunks up to
     * {@code data}, so that it understands any WAV whose data chunk starts within those bytes.
     *
     * @throws IllegalArgumentException naming what is wrong if it is not such a RIFF/WAVE header
     */
    public static WavLayout parse(ByteBuffer src) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int limit = in.limit();
        if (limit < FIRST_CHUNK_OFFSET || in.getInt(RIFF_ID_OFFSET) != RIFF_ID || in.getInt(WAVE_ID_OFFSET) != WAVE_ID) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        long riffSize = Integer.toUnsignedLong(in.getInt(RIFF_SIZE_OFFSET));
        int formatTag = -1;
        int channels = 0;
        int sampleRate = 0;
        int bitsPerSample = 0;
        int blockAlign = 0;
        int factFramesOffset = -1;
        long factFrames = 0;
        int chunk = FIRST_CHUNK_OFFSET;
        while (chunk + CHUNK_HEADER_LENGTH <= limit) {
            int id = in.getInt(chunk);
            long size = Integer.toUnsignedLong(in.getInt(chunk + CHUNK_SIZE_FIELD_OFFSET));
            int body = chunk + CHUNK_HEADER_LENGTH;
            if (id == DATA_ID) {
                if (formatTag < 0) {
                    throw new IllegalArgumentException("data chunk before fmt chunk");
                }
                return new WavLayout(formatTag, channels, sampleRate, bitsPerSample, blockAlign, riffSize,
                        chunk + CHUNK_SIZE_FIELD_OFFSET, body, size, factFramesOffset, factFrames);
            }
            if (id == FMT_ID && body + PCM_FMT_SIZE <= limit) {
                formatTag = Short.toUnsignedInt(in.getShort(body));
                channels = Short.toUnsignedInt(in.getShort(body + CHANNELS_OFFSET - FORMAT_TAG_OFFSET));
                sampleRate = in.getInt(body + SAMPLE_RATE_OFFSET - FORMAT_TAG_OFFSET);
                blockAlign = Short.toUnsignedInt(in.getShort(body + BLOCK_ALIGN_OFFSET - FORMAT_TAG_OFFSET));
                bitsPerSample = Short.toUnsignedInt(in.getShort(body + BITS_PER_SAMPLE_OFFSET - FORMAT_TAG_OFFSET));
            } else if (id == FACT_ID && body + FACT_SIZE <= limit) {
                factFramesOffset = body;
                factFrames = Integer.toUnsignedLong(in.getInt(body));
            }
            long next = body + size + (size & 1);
            if (next > limit) {
                break;
            }
            chunk = (int) next;
        }
        throw new IllegalArgumentException("no data chunk within the first " + limit + " bytes");
    }
}
