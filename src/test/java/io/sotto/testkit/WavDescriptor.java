package io.sotto.testkit;

/**
 * Byte layout of a RIFF/WAVE file as Sotto writes it and the test kit reads it (Microsoft/IBM
 * "Multimedia Programming Interface and Data Specifications 1.0", 1991; format tags registered in
 * RFC 2361). All integers are little-endian and unsigned.
 *
 * <pre>
 *  0 +-------------------------------+
 *    | "RIFF"                        |  form chunk id
 *  4 +-------------------------------+
 *    | RIFF size = file length - 8   |
 *  8 +-------------------------------+
 *    | "WAVE"                        |  form type
 * 12 +-------------------------------+  then chunks, in any order; unknown ids are skipped
 *    | chunk id (4 ASCII)            |
 * +4 | chunk size (payload bytes)    |  an odd size is followed by one pad byte
 * +8 | payload ...                   |
 *    +-------------------------------+
 *
 * "fmt " payload                         "fact" payload (required for non-PCM tags)
 *  0 +---------------+---------------+    0 +-------------------------------+
 *    | format tag    | channels      |      | frames (samples per channel)  |
 *  4 +---------------+---------------+      +-------------------------------+
 *    | sample rate                   |
 *  8 +-------------------------------+    "data" payload: interleaved frames,
 *    | byte rate = rate * align      |      channel 0 first (left = caller)
 * 12 +---------------+---------------+
 *    | block align   | bits/sample   |
 * 16 +---------------+---------------+
 *    | cbSize (non-PCM, 0)           |
 *    +---------------+
 * </pre>
 */
public final class WavDescriptor {
    public static final String RIFF_ID = "RIFF";
    public static final String WAVE_ID = "WAVE";
    public static final String FMT_ID = "fmt ";
    public static final String FACT_ID = "fact";
    public static final String DATA_ID = "data";

    public static final int RIFF_SIZE_OFFSET = 4;
    public static final int WAVE_ID_OFFSET = 8;
    public static final int FIRST_CHUNK_OFFSET = 12;

    public static final int CHUNK_ID_OFFSET = 0;
    public static final int CHUNK_SIZE_OFFSET = 4;
    public static final int CHUNK_HEADER_LENGTH = 8;

    public static final int FMT_FORMAT_TAG_OFFSET = 0;
    public static final int FMT_CHANNELS_OFFSET = 2;
    public static final int FMT_SAMPLE_RATE_OFFSET = 4;
    public static final int FMT_BYTE_RATE_OFFSET = 8;
    public static final int FMT_BLOCK_ALIGN_OFFSET = 12;
    public static final int FMT_BITS_PER_SAMPLE_OFFSET = 14;
    public static final int FMT_CB_SIZE_OFFSET = 16;
    public static final int FMT_PCM_LENGTH = 16;
    public static final int FMT_EXTENDED_LENGTH = 18;

    public static final int FACT_FRAMES_OFFSET = 0;
    public static final int FACT_LENGTH = 4;

    public static final int FORMAT_PCM = 1;
    public static final int FORMAT_ALAW = 6;
    public static final int FORMAT_ULAW = 7;

    private WavDescriptor() {
    }
}
