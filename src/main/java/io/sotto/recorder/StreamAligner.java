package io.sotto.recorder;

/**
 * Maps one channel's RTP packets onto the recording's timeline (samples at 8 kHz since the START
 * record). The sender's RTP clock is the timeline: within one SSRC, the timestamp places every
 * packet (RFC 3550 section 5.1: it "increments monotonically and linearly in time"), so network
 * jitter, a sender that stalls and then bursts, reordering, loss and silence suppression never
 * move audio; lost and suppressed stretches stay as gaps of exactly their length.
 *
 * <p>Arrival time is used for three things only:
 * <ul>
 * <li><b>The anchor.</b> The first packet, and the first of a new SSRC (section 8: a new source has
 *     a new timestamp base), is placed where it arrived, its duration before the arrival.</li>
 * <li><b>Restarts.</b> A packet that is the newest by sequence number (RFC 3550 appendix A.1: up to
 *     {@link #MAX_DROPOUT} ahead) is checked against its arrival ("lateness": arrival minus mapped
 *     position). It restarts the mapping at its arrival when its timestamp cannot be the same clock:
 *     it maps more than {@link #REANCHOR_SAMPLES} into the future (a jump forward; no stall makes a
 *     packet early); it maps more than {@link #HORIZON_SAMPLES} into the past (longer than any stall
 *     we hold audio for); its timestamp went back although the sequence number went on and it is
 *     late; or it carries the marker bit of a talkspurt after silence (RFC 3551 section 4.1) whose
 *     timestamp did not advance over that silence, and is late. A sequence number outside the
 *     window (the sender restarted its numbering) restarts it only when the timestamp disagrees
 *     with arrival too. A stall and burst keeps timestamps and sequence numbers consistent with
 *     each other, so it never restarts anything, however late the held packets are.</li>
 * <li><b>Drift.</b> Over each {@link #DRIFT_WINDOW_SAMPLES} of arrivals (the first after an anchor:
 *     {@link #FIRST_WINDOW_SAMPLES}, its early error removed whole) the least lateness seen is
 *     the network's base delay plus the anchor's error plus the drift between the sender's clock
 *     and ours. It is brought back to zero in steps: an early stream (negative lateness: a delayed
 *     anchor or a fast sender clock, never a stall) more than {@link #LATER_EARLY_TOLERANCE_SAMPLES}
 *     early (in the first window: {@link #EARLY_TOLERANCE_SAMPLES}) by up to
 *     {@link #MAX_EARLY_STEP_SAMPLES} per window, a late one by at most
 *     {@link #MAX_LATE_STEP_SAMPLES} (a slow clock drifts far less; a stall shorter than the window
 *     cannot move it, since packets after the burst are on time). Each step is a seam in the audio
 *     (samples cut or a gap), which is why small early errors are left alone, and why a stream is
 *     only found early when more than {@link #EARLY_OUTLIERS} packets of the window (in the first:
 *     {@link #FIRST_WINDOW_EARLY_OUTLIERS}) were: some senders put out a packet now and then a
 *     packet ahead of their own schedule (SIPp's {@code rtp_stream} does, about one in twenty, more on a busy machine),
 *     and such a packet says nothing of where the rest of the stream belongs. Late is judged by
 *     the least lateness of all, so no early packet can make a stream look late either.</li>
 * </ul>
 *
 * <p>A packet whose sequence number is at most {@link #MAX_MISORDER} behind the newest, or further
 * behind with a timestamp as far back, was delayed in the network: it keeps its timestamp position
 * however late it is; the session writes it there or drops it past the horizon. Allocation-free;
 * owned by the recorder thread.
 */
final class StreamAligner {
    /** 120 ms: beyond any jitter we tolerate, short enough that a real jump is heard as a gap only. */
    static final long REANCHOR_SAMPLES = 960;
    /** 10 s: how far back audio is still written at its place; older packets are dropped. */
    static final long HORIZON_SAMPLES = 10 * RecordingSession.SAMPLES_PER_SECOND;
    static final int MAX_MISORDER = 100;
    /** RFC 3550 appendix A.1's MAX_DROPOUT: a minute of 20 ms packets lost is still the same stream. */
    static final int MAX_DROPOUT = 3000;
    static final long DRIFT_WINDOW_SAMPLES = 2 * RecordingSession.SAMPLES_PER_SECOND;
    static final int DRIFT_MIN_PACKETS = 25;
    /**
     * 500 ms: the first window after an anchor, whose error is the largest the stream has (the
     * anchor packet met cold code or a busy thread, or the sender started behind its own schedule
     * and caught up) and is removed at once, while what was placed of the stream is still in the
     * recorder's memory (the jitter window and the written tail, a second) and can be moved whole.
     */
    static final long FIRST_WINDOW_SAMPLES = RecordingSession.SAMPLES_PER_SECOND / 2;
    static final int FIRST_WINDOW_MIN_PACKETS = 10;
    /** 1 ms: a stream later than this (a slow sender clock) is corrected. */
    static final long DRIFT_TOLERANCE_SAMPLES = 8;
    /**
     * 5 ms: a stream's first window earlier than this (its anchor packet met a busy or cold
     * thread) is corrected; the session moves the stream's start with it, so that costs no seam.
     */
    static final long EARLY_TOLERANCE_SAMPLES = 40;
    /**
     * 20 ms: later, a stream earlier than this (a fast sender clock, a sender catching up after a
     * late start) is corrected. Each such step is a seam in the audio (samples cut mid-call), so a
     * smaller error is left: the two channels stay within about a packet of each other.
     */
    static final long LATER_EARLY_TOLERANCE_SAMPLES = 160;
    /** 20 ms per window: a 60 ms anchor error is gone after three windows. */
    static final long MAX_EARLY_STEP_SAMPLES = 160;
    /** 2 ms per 2 s window: follows a sender clock up to 0.1 % slow. */
    static final long MAX_LATE_STEP_SAMPLES = 16;
    /** Packets of a window that may come ahead of the sender's schedule without moving the stream. */
    static final int EARLY_OUTLIERS = 4;
    /** As {@link #EARLY_OUTLIERS}, for the first window's 25 or so packets. */
    static final int FIRST_WINDOW_EARLY_OUTLIERS = 2;

    private boolean anchored;
    private int ssrc;
    /** The newest packet by sequence number: its timestamp and position carry the mapping along. */
    private int anchorTimestamp;
    private long anchorPosition;
    private int highestSequence;
    private int highestSamples;
    private long windowStart;
    /** The window's least lateness values, ascending: the first {@link #lowestCount} are set. */
    private final long[] lowest = new long[EARLY_OUTLIERS + 1];
    private int lowestCount;
    private int windowPackets;
    /** The window being measured is the first since the anchor. */
    private boolean firstWindow;
    /** Where the stream's first packet was placed, at the anchor. */
    private long streamStart;
    /** The first window's correction, not yet taken by the session (see {@link #takeStartCorrection}). */
    private long startCorrection;
    private long reanchors;
    private long driftCorrection;

    /**
     * @param marker          the packet's RTP marker bit
     * @param arrivalPosition timeline position of the packet's arrival
     * @param samples         the packet's duration in samples
     * @return the timeline position of the packet's first sample
     */
    long position(int ssrc, int timestamp, int sequence, boolean marker, long arrivalPosition, int samples) {
        long arrivalStart = arrivalPosition - samples;
        if (!anchored || ssrc != this.ssrc) {
            return anchor(ssrc, timestamp, sequence, samples, arrivalStart);
        }
        int timestampDelta = timestamp - anchorTimestamp;
        long mapped = anchorPosition + timestampDelta;
        long lateness = arrivalStart - mapped;
        int sequenceDelta = (short) (sequence - highestSequence);
        if (sequenceDelta <= 0 && (sequenceDelta > -MAX_MISORDER
                || Math.abs(timestampDelta - (long) sequenceDelta * samples) <= REANCHOR_SAMPLES)) {
            // Delayed in the network; further behind than reordering, it is still this stream's
            // if its timestamp is as far back as its sequence number says.
            return mapped;
        }
        if (restarts(sequenceDelta, timestampDelta, marker, lateness, samples)) {
            return anchor(ssrc, timestamp, sequence, samples, arrivalStart);
        }
        // Moving the anchor along keeps timestamp differences small, so calls longer than the
        // 32-bit timestamp range (74 hours at 8 kHz) stay exact.
        highestSequence = sequence;
        highestSamples = samples;
        anchorTimestamp = timestamp;
        anchorPosition = mapped;
        followDrift(arrivalPosition, lateness);
        return mapped;
    }

    /**
     * The correction of the anchor made by the first window, once: the session moves what it placed
     * of this stream since {@link #streamStart()} (and the packet just mapped) by as much, so the
     * stream's start has no seam. Zero when there is none to take.
     */
    long takeStartCorrection() {
        long correction = startCorrection;
        startCorrection = 0;
        return correction;
    }

    /** Where the stream's first packet was placed, before any correction. */
    long streamStart() {
        return streamStart;
    }

    /** Times the mapping was restarted on arrival after the first anchor. */
    long reanchors() {
        return reanchors;
    }

    /** Samples the mapping was moved by drift correction, in sum (negative: earlier). */
    long driftCorrection() {
        return driftCorrection;
    }

    private boolean restarts(int sequenceDelta, int timestampDelta, boolean marker, long lateness,
                             int samples) {
        if (sequenceDelta <= 0 || sequenceDelta > MAX_DROPOUT) {
            return lateness > REANCHOR_SAMPLES || lateness < -REANCHOR_SAMPLES;
        }
        if (lateness < -REANCHOR_SAMPLES || lateness > HORIZON_SAMPLES) {
            return true;
        }
        if (lateness <= REANCHOR_SAMPLES) {
            return false;
        }
        // Late, as the packets of a burst after a stall are: only a timestamp the sequence
        // numbers contradict, or a talkspurt whose timestamp did not count its silence, restarts.
        long expected = highestSamples + (long) (sequenceDelta - 1) * samples;
        return timestampDelta < 0 || (marker && timestampDelta <= expected);
    }

    private void followDrift(long arrivalPosition, long lateness) {
        if (windowPackets == 0) {
            windowStart = arrivalPosition;
            lowestCount = 0;
        }
        keepIfLowest(lateness);
        windowPackets++;
        if (firstWindow ? arrivalPosition - windowStart < FIRST_WINDOW_SAMPLES
                || windowPackets < FIRST_WINDOW_MIN_PACKETS
                : arrivalPosition - windowStart < DRIFT_WINDOW_SAMPLES || windowPackets < DRIFT_MIN_PACKETS) {
            return;
        }
        long least = lowest[0];
        long early = lowest[Math.min(firstWindow ? FIRST_WINDOW_EARLY_OUTLIERS : EARLY_OUTLIERS, lowestCount - 1)];
        long step = 0;
        if (early < -(firstWindow ? EARLY_TOLERANCE_SAMPLES : LATER_EARLY_TOLERANCE_SAMPLES)) {
            step = Math.max(early, firstWindow ? -REANCHOR_SAMPLES : -MAX_EARLY_STEP_SAMPLES);
        } else if (least > DRIFT_TOLERANCE_SAMPLES && !firstWindow) {
            // lateness over a short first window is jitter; a slow clock shows over seconds
            step = Math.min(least, MAX_LATE_STEP_SAMPLES);
        }
        anchorPosition += step;
        driftCorrection += step;
        if (firstWindow) {
            startCorrection = step;
        }
        windowPackets = 0;
        firstWindow = false;
    }

    /** Insertion into {@link #lowest}: a few compares per packet, no allocation. */
    private void keepIfLowest(long lateness) {
        int at = lowestCount;
        if (at == lowest.length) {
            if (lateness >= lowest[at - 1]) {
                return;
            }
            at--;
        } else {
            lowestCount++;
        }
        while (at > 0 && lowest[at - 1] > lateness) {
            lowest[at] = lowest[at - 1];
            at--;
        }
        lowest[at] = lateness;
    }

    private long anchor(int ssrc, int timestamp, int sequence, int samples, long position) {
        if (anchored) {
            reanchors++;
        }
        anchored = true;
        this.ssrc = ssrc;
        anchorTimestamp = timestamp;
        anchorPosition = position;
        streamStart = position;
        startCorrection = 0;
        highestSequence = sequence;
        highestSamples = samples;
        windowPackets = 0;
        firstWindow = true;
        return position;
    }
}
