package io.sotto.testkit;

import static io.sotto.testkit.WavDescriptor.CHUNK_HEADER_LENGTH;
import static io.sotto.testkit.WavDescriptor.DATA_ID;
import static io.sotto.testkit.WavDescriptor.FACT_ID;
import static io.sotto.testkit.WavDescriptor.FACT_LENGTH;
import static io.sotto.testkit.WavDescriptor.FIRST_CHUNK_OFFSET;
import static io.sotto.testkit.WavDescriptor.FMT_EXTENDED_LENGTH;
import static io.sotto.testkit.WavDescriptor.FMT_ID;
import static io.sotto.testkit.WavDescriptor.FMT_PCM_LENGTH;
import static io.sotto.testkit.WavDescriptor.FORMAT_PCM;
import static io.sotto.testkit.WavDescriptor.RIFF_ID;
import static io.sotto.testkit.WavDescriptor.WAVE_ID;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds WAV files byte by byte for tests: whole files in the two shapes Sotto writes, or single
 * chunks to assemble in any order (and to damage on purpose). Layout: {@link WavDescriptor}.
 */
public final class WavBytes {
    private WavBytes() {
    }

    /** Format 1, 16-bit, one array per channel (all the same length), chunks fmt then data. */
    public static byte[] pcm16(int sampleRate, short[]... channels) {
        int frames = channels[0].length;
        ByteBuffer interleaved = ByteBuffer.allocate(frames * channels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int frame = 0; frame < frames; frame++) {
            for (short[] channel : channels) {
                interleaved.putShort(channel[frame]);
            }
        }
        return riff(fmt(FORMAT_PCM, channels.length, sampleRate, 16), data(interleaved.array()));
    }

    /** Format 6 (A-law) or 7 (μ-law), 8-bit, one array of codes per channel: fmt, fact, data. */
    public static byte[] g711(int formatCode, int sampleRate, byte[]... channels) {
        int frames = channels[0].length;
        byte[] interleaved = new byte[frames * channels.length];
        for (int frame = 0; frame < frames; frame++) {
            for (int c = 0; c < channels.length; c++) {
                interleaved[frame * channels.length + c] = channels[c][frame];
            }
        }
        return riff(fmt(formatCode, channels.length, sampleRate, 8), fact(frames), data(interleaved));
    }

    /** "RIFF" size "WAVE" followed by {@code chunks} as given, with a correct RIFF size. */
    public static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int body = 0;
        for (byte[] chunk : chunks) {
            body += chunk.length;
        }
        out.writeBytes(RIFF_ID.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(FIRST_CHUNK_OFFSET - CHUNK_HEADER_LENGTH + body));
        out.writeBytes(WAVE_ID.getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    /** A "fmt " chunk: 16 bytes for PCM, 18 (cbSize 0) for the G.711 tags. */
    public static byte[] fmt(int formatCode, int channels, int sampleRate, int bitsPerSample) {
        int length = formatCode == FORMAT_PCM ? FMT_PCM_LENGTH : FMT_EXTENDED_LENGTH;
        int blockAlign = channels * bitsPerSample / 8;
        ByteBuffer payload = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        payload.putShort((short) formatCode)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) bitsPerSample);
        return chunk(FMT_ID, payload.array());
    }

    public static byte[] fact(int frames) {
        return chunk(FACT_ID, ByteBuffer.allocate(FACT_LENGTH).order(ByteOrder.LITTLE_ENDIAN).putInt(frames).array());
    }

    public static byte[] data(byte[] interleaved) {
        return chunk(DATA_ID, interleaved);
    }

    /** Any chunk: id, size, payload and the pad byte an odd size needs. */
    public static byte[] chunk(String id, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(payload.length));
        out.writeBytes(payload);
        if ((payload.length & 1) == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}
