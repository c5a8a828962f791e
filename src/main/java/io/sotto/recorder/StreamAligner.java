package io.sotto.recorder;

/**
 * Maps one channel's RTP timestamps onto the recording's timeline (samples at 8 kHz since the
 * START record), so that both channels share one clock and a gap on one side never shifts it
 * against the other.
 *
 * <p>The mapping is anchored on arrival time: the first packet, a new SSRC (RFC 3550 section 8:
 * a new source, a new timestamp base), or a packet whose mapped position disagrees with its
 * arrival by more than {@link #REANCHOR_SAMPLES} (a timestamp jump, or clock drift grown too large)
 * is placed where it arrived, its duration before the arrival. Otherwise the timestamp decides,
 * with unsigned 32-bit wrap-around, so that network jitter does not move audio and lost packets
 * and silence suppression leave gaps of exactly their length.
 *
 * <p>A packet whose sequence number is behind the newest one seen (RFC 3550 appendix A.1: up to
 * {@link #MAX_MISORDER} behind is reordering, not a restart) was delayed in the network: it keeps
 * its timestamp position even when that is long past, so that it is dropped as late instead of
 * moving the stream.
 */
final class StreamAligner {
    /** 120 ms: beyond any jitter we tolerate, short enough that a jump is audible as a gap only. */
    static final long REANCHOR_SAMPLES = 960;
    static final int MAX_MISORDER = 100;

    private boolean anchored;
    private int ssrc;
    private int anchorTimestamp;
    private long anchorPosition;
    private int highestSequence;
    private long reanchors;

    /**
     * @param arrivalPosition timeline position of the packet's arrival
     * @param samples         the packet's duration in samples
     * @return the timeline position of the packet's first sample
     */
    long position(int ssrc, int timestamp, int sequence, long arrivalPosition, int samples) {
        long arrivalStart = arrivalPosition - samples;
        if (!anchored || ssrc != this.ssrc) {
            return anchor(ssrc, timestamp, sequence, arrivalStart);
        }
        long mapped = anchorPosition + (timestamp - anchorTimestamp);
        long drift = mapped - arrivalStart;
        int sequenceDelta = (short) (sequence - highestSequence);
        if (sequenceDelta <= 0 && sequenceDelta > -MAX_MISORDER && drift <= REANCHOR_SAMPLES) {
            return mapped;
        }
        if (drift > REANCHOR_SAMPLES || drift < -REANCHOR_SAMPLES) {
            return anchor(ssrc, timestamp, sequence, arrivalStart);
        }
        // Moving the anchor along keeps timestamp differences small, so calls longer than the
        // 32-bit timestamp range (74 hours at 8 kHz) stay exact.
        highestSequence = sequence;
        anchorTimestamp = timestamp;
        anchorPosition = mapped;
        return mapped;
    }

    long reanchors() {
        return reanchors;
    }

    private long anchor(int ssrc, int timestamp, int sequence, long position) {
        if (anchored) {
            reanchors++;
        }
        anchored = true;
        this.ssrc = ssrc;
        anchorTimestamp = timestamp;
        anchorPosition = position;
        highestSequence = sequence;
        return position;
    }
}
