package io.sotto.recorder;

/**
 * Layout of the RIFF/WAVE header Sotto writes: one {@code fmt } chunk, for G.711 a {@code fact}
 * chunk, then the {@code data} chunk, which is always last so that its length can grow in place.
 * Every multi-byte field is little-endian. Format tags are those of RFC 2361 (WAVE codec registry);
 * the chunk rules are Microsoft's RIFF multimedia specification, which requires {@code cbSize} and a
 * {@code fact} chunk for every format other than PCM.
 *
 * <pre>
 * pcm16 (WAVE_FORMAT_PCM = 1), 44 bytes          g711 (WAVE_FORMAT_ALAW = 6, WAVE_FORMAT_MULAW = 7), 58 bytes
 *   0 +----------------------------+               0 +----------------------------+
 *     | "RIFF"                     |                 | "RIFF"                     |
 *   4 | RIFF size = file size - 8  |               4 | RIFF size = file size - 8  |
 *   8 | "WAVE"                     |               8 | "WAVE"                     |
 *  12 | "fmt "                     |              12 | "fmt "                     |
 *  16 | fmt size = 16              |              16 | fmt size = 18              |
 *  20 | format tag (16) | channels |              20 | format tag (16) | channels |
 *  24 | sample rate = 8000         |              24 | sample rate = 8000         |
 *  28 | byte rate = 32000          |              28 | byte rate = 16000          |
 *  32 | block align=4 | bits = 16  |              32 | block align=2 | bits = 8   |
 *  36 | "data"                     |              36 | cbSize = 0    | "fa..      |
 *  40 | data size                  |              38 | "fact" (unaligned)         |
 *  44 | samples: L R L R ...       |              42 | fact size = 4              |
 *     +----------------------------+              46 | sample frames              |
 *                                                 50 | "data"                     |
 *                                                 54 | data size                  |
 *                                                 58 | samples: L R L R ...       |
 *                                                    +----------------------------+
 * </pre>
 *
 * Channel 1 (left) is the caller, channel 2 (right) the callee (README, "Recordings on disk").
 */
public final class WavHeaderDescriptor {
    public static final int RIFF_ID_OFFSET = 0;
    public static final int RIFF_SIZE_OFFSET = 4;
    public static final int WAVE_ID_OFFSET = 8;
    /** Chunks start here; each is a 4-byte id, a 4-byte length and the body (padded to even length). */
    public static final int FIRST_CHUNK_OFFSET = 12;
    public static final int CHUNK_HEADER_LENGTH = 8;
    public static final int CHUNK_SIZE_FIELD_OFFSET = 4;

    public static final int FMT_ID_OFFSET = 12;
    public static final int FMT_SIZE_OFFSET = 16;
    public static final int FORMAT_TAG_OFFSET = 20;
    public static final int CHANNELS_OFFSET = 22;
    public static final int SAMPLE_RATE_OFFSET = 24;
    public static final int BYTE_RATE_OFFSET = 28;
    public static final int BLOCK_ALIGN_OFFSET = 32;
    public static final int BITS_PER_SAMPLE_OFFSET = 34;

    public static final int PCM_FMT_SIZE = 16;
    public static final int PCM_DATA_ID_OFFSET = 36;
    public static final int PCM_DATA_SIZE_OFFSET = 40;
    public static final int PCM_HEADER_LENGTH = 44;

    public static final int EXTENDED_FMT_SIZE = 18;
    public static final int CB_SIZE_OFFSET = 36;
    public static final int FACT_ID_OFFSET = 38;
    public static final int FACT_SIZE_OFFSET = 42;
    public static final int FACT_SIZE = 4;
    public static final int FACT_SAMPLE_FRAMES_OFFSET = 46;
    public static final int G711_DATA_ID_OFFSET = 50;
    public static final int G711_DATA_SIZE_OFFSET = 54;
    public static final int G711_HEADER_LENGTH = 58;

    public static final int WAVE_FORMAT_PCM = 1;
    public static final int WAVE_FORMAT_ALAW = 6;
    public static final int WAVE_FORMAT_MULAW = 7;

    public static final int CHANNELS = 2;
    public static final int SAMPLE_RATE = 8000;

    /** Chunk ids as little-endian ints, so that they compare with one {@code getInt}. */
    public static final int RIFF_ID = fourCc("RIFF");
    public static final int WAVE_ID = fourCc("WAVE");
    public static final int FMT_ID = fourCc("fmt ");
    public static final int FACT_ID = fourCc("fact");
    public static final int DATA_ID = fourCc("data");

    /** RIFF sizes are unsigned 32-bit: the file can never be longer than this. */
    public static final long MAX_RIFF_FILE_LENGTH = 0xFFFF_FFFFL;

    private WavHeaderDescriptor() {
    }

    private static int fourCc(String id) {
        return (id.charAt(0)) | (id.charAt(1) << 8) | (id.charAt(2) << 16) | (id.charAt(3) << 24);
    }
}
