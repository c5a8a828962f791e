package io.sotto.recorder;

import static io.sotto.recorder.WavHeaderDescriptor.*;

import io.sotto.config.RecordingFormat;

/** The three sample formats a Sotto WAV can hold; all stereo at 8 kHz. */
public enum WavEncoding {
    PCM16(WAVE_FORMAT_PCM, 2, PCM_HEADER_LENGTH, PCM_DATA_SIZE_OFFSET, -1),
    MULAW(WAVE_FORMAT_MULAW, 1, G711_HEADER_LENGTH, G711_DATA_SIZE_OFFSET, FACT_SAMPLE_FRAMES_OFFSET),
    ALAW(WAVE_FORMAT_ALAW, 1, G711_HEADER_LENGTH, G711_DATA_SIZE_OFFSET, FACT_SAMPLE_FRAMES_OFFSET);

    private final int formatTag;
    private final int bytesPerSample;
    private final int headerLength;
    private final int dataSizeOffset;
    private final int factFramesOffset;

    WavEncoding(int formatTag, int bytesPerSample, int headerLength, int dataSizeOffset, int factFramesOffset) {
        this.formatTag = formatTag;
        this.bytesPerSample = bytesPerSample;
        this.headerLength = headerLength;
        this.dataSizeOffset = dataSizeOffset;
        this.factFramesOffset = factFramesOffset;
    }

    /**
     * The file encoding for a recording: pcm16 is always linear; g711 keeps the caller's law, and a
     * callee on the other law is transcoded to it (one file per call: README, "Recordings on disk").
     */
    public static WavEncoding of(RecordingFormat format, String callerCodec) {
        if (format == RecordingFormat.PCM16) {
            return PCM16;
        }
        return "PCMA".equalsIgnoreCase(callerCodec) ? ALAW : MULAW;
    }

    public int formatTag() {
        return formatTag;
    }

    public int bitsPerSample() {
        return bytesPerSample * 8;
    }

    public int blockAlign() {
        return bytesPerSample * CHANNELS;
    }

    public int byteRate() {
        return blockAlign() * SAMPLE_RATE;
    }

    public int headerLength() {
        return headerLength;
    }

    public int dataSizeOffset() {
        return dataSizeOffset;
    }

    /** Offset of the {@code fact} chunk's sample frame count, or -1 when the format has none. */
    public int factFramesOffset() {
        return factFramesOffset;
    }

    /** The codec name G.711 data in this encoding carries (RFC 3551), or null for linear PCM. */
    public String g711Codec() {
        return switch (this) {
            case MULAW -> "PCMU";
            case ALAW -> "PCMA";
            case PCM16 -> null;
        };
    }

    /** The encoding a header's format tag names, or null if Sotto does not write that format. */
    public static WavEncoding ofFormatTag(int formatTag, int bitsPerSample) {
        for (WavEncoding encoding : values()) {
            if (encoding.formatTag == formatTag && encoding.bitsPerSample() == bitsPerSample) {
                return encoding;
            }
        }
        return null;
    }
}
