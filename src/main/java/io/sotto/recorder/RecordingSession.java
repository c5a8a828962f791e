package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.fork.ForkDescriptor.STATE_RECORDING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.config.FsyncPolicy;
import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingConfig;
import io.sotto.fork.RecordingStart;
import io.sotto.fork.SiprecSession;

/**
 * One recording: places both legs' audio on one timeline, holds it for a jitter window, applies
 * pause/stop, and hands finished frames to its {@link WavWriter}. Owned by the recorder agent's
 * thread; everything slow about its files (forcing, checksum, JSON) is handed to the finishing
 * stage as {@link FinishingTask}s.
 *
 * <p>The timeline counts samples at 8 kHz from the START record; each channel's
 * {@link StreamAligner} places packets on it by their RTP timestamps. Frames are written once they
 * are {@link #JITTER_WINDOW_SAMPLES} behind the clock and behind the newest place each stream that
 * is still sending has reached: a sender that falls behind its own clock (an overloaded SBC or
 * SIPp, a congested link) holds the writing back instead of having every packet arrive for frames
 * already written. A stream quiet for {@link #QUIET_SAMPLES} (hold, silence suppression, a one-way
 * call) holds nothing back, and the mix's room ahead bounds how far any stream can. A packet that
 * arrives for frames already written (a burst after the sender stalled, a packet held up in the
 * network) is written into the file at its place, its channel's samples patched in the frames on
 * disk, as long as its place is less than {@link StreamAligner#HORIZON_SAMPLES} before its
 * arrival; older ones are counted and dropped.
 *
 * <p>State changes take effect twice: audio that follows a pause in the ring is discarded before it
 * is placed, and positions from the pause's instant to the resume's are cut out or silenced when
 * written, so that no audio of a paused stretch reaches the disk (PCI). A late packet never lands
 * before the last resume ({@link #floorPosition}): what it carries was either spoken during the
 * pause or, held up across the whole pause, heard by the agent only after pausing.
 */
final class RecordingSession {
    static final int SAMPLES_PER_SECOND = 8000;
    static final int SAMPLES_PER_MS = SAMPLES_PER_SECOND / 1000;
    /** 200 ms: how long a position stays in memory for late packets before it is written. */
    static final long JITTER_WINDOW_SAMPLES = 200 * SAMPLES_PER_MS;
    /** 1 s: a stream that sent nothing for this long no longer holds the writing back. */
    static final long QUIET_SAMPLES = SAMPLES_PER_SECOND;
    /** 100 ms: fewer due frames than this wait for the next round, to keep writes large. */
    static final long MIN_FLUSH_SAMPLES = 100 * SAMPLES_PER_MS;
    /** Arrival times later than a second past the agent's clock are not believed. */
    static final long MAX_AHEAD_SAMPLES = SAMPLES_PER_SECOND;
    /** {@code recording.fsync: interval}: an open WAV is forced this often. */
    static final long FORCE_INTERVAL_SAMPLES = SAMPLES_PER_SECOND;

    static final int AUDIO_PLACED = 0;
    static final int AUDIO_TOO_OLD = 1;
    static final int AUDIO_NOT_AUDIO = 2;
    static final int AUDIO_NOT_RECORDING = 3;
    static final int AUDIO_IMPLAUSIBLE = 4;
    static final int AUDIO_FILE_FAILED = 5;
    static final int AUDIO_WRITTEN_LATE = 6;

    private static final Logger LOG = LoggerFactory.getLogger(RecordingSession.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long sessionKey;
    private final RecordingStart start;
    private final long startNanos;
    private final RecordingConfig config;
    private final WavEncoding encoding;
    private final byte[] encodeTable;
    private final RecordingFiles files;
    private final ByteBuffer staging;
    private final RecorderStats stats;
    private final FinishingHandoff handoff;
    private final StreamAligner callerAligner = new StreamAligner();
    private final StreamAligner calleeAligner = new StreamAligner();
    private final StereoMixBuffer mix;
    private final ArrayDeque<Transition> transitions = new ArrayDeque<>();
    private final SegmentLog segments;
    private final List<Map<String, Object>> events = new ArrayList<>();
    /** {@code recording.fsync: interval}: the one task that forces this WAV, offered again once done. */
    private FinishingTask.ForceWav forceTask;
    private WavWriter writer;
    private int ringState = STATE_RECORDING;
    private int timelineState = STATE_RECORDING;
    private long lastTransitionPosition;
    private long flushedPosition;
    /** Placed audio never lands before this: the last resume (0 until there is one). */
    private long floorPosition;
    /** Timeline positions cut out of the file so far (skip): file frame = position - cut, after the floor. */
    private long cutSamples;
    private long lastForcePosition;
    /** Positions in the mix's tail that late packets patched since the last flush: rewritten then. */
    private long dirtyFrom;
    private long dirtyTo;
    /** Per channel: the end of the newest place a packet mapped to, and that packet's arrival. */
    private final long[] newestEnd = {Long.MIN_VALUE, Long.MIN_VALUE};
    private final long[] newestArrival = {Long.MIN_VALUE, Long.MIN_VALUE};
    private String error;
    /** Agents the call side named at the end, beyond those of the start (a transfer kept the recording). */
    private List<String> endAgents = List.of();
    /** A SIPREC recording's session as last known (the start's, or an END's update); null on a B2BUA call. */
    private SiprecSession siprec;

    private RecordingSession(long sessionKey, RecordingStart start, long startNanos, RecordingConfig config,
                             Path dayDirectory, StereoMixBuffer mix, ByteBuffer staging, RecorderStats stats,
                             FinishingHandoff handoff) {
        this.sessionKey = sessionKey;
        this.mix = mix;
        this.start = start;
        this.startNanos = startNanos;
        this.config = config;
        this.encoding = WavEncoding.of(config.format(), start.callerCodec());
        this.encodeTable = switch (encoding) {
            case MULAW -> G711.LINEAR_TO_ULAW;
            case ALAW -> G711.LINEAR_TO_ALAW;
            case PCM16 -> null;
        };
        this.files = new RecordingFiles(start.recordingId(), dayDirectory);
        this.staging = staging;
        this.stats = stats;
        this.handoff = handoff;
        this.siprec = start.siprec();
        this.segments = new SegmentLog(start.callStartNanos());
        segments.open(startNanos);
    }

    /**
     * Opens a recording at {@code startNanos}: its WAV (valid, empty) exists on return and its JSON
     * (what is known so far) is handed to the finishing stage, or the session is failed with the
     * cause, and the call goes on.
     *
     * @param mix     a silent mix buffer, the session's until it is finished ({@link #mix()})
     * @param staging the agent's buffer for encoding frames, shared by every session
     */
    static RecordingSession open(long sessionKey, RecordingStart start, long startNanos, RecordingConfig config,
                                 StereoMixBuffer mix, ByteBuffer staging, RecorderStats stats,
                                 FinishingHandoff handoff) {
        Path day = RecordingPaths.dayDirectory(config.dir(), start.startedAtEpochMs());
        RecordingSession session = new RecordingSession(sessionKey, start, startNanos, config, day, mix, staging,
                stats, handoff);
        session.createFiles(day);
        return session;
    }

    /** The session's mix buffer: free for another session once this one is finished. */
    StereoMixBuffer mix() {
        return mix;
    }

    long sessionKey() {
        return sessionKey;
    }

    String recordingId() {
        return start.recordingId();
    }

    Path wavPath() {
        return files.wav;
    }

    Path jsonPath() {
        return files.json;
    }

    boolean hasOpenFile() {
        return writer != null && writer.isOpen();
    }

    String error() {
        return error;
    }

    /**
     * Places one RTP packet's G.711 payload on the timeline: in the mix buffer, or in the file if
     * its frames were written already. Allocation-free.
     *
     * @return one of the {@code AUDIO_*} outcomes, for the agent to count
     */
    int onAudio(int channel, long arrivalNanos, int rtpTimestamp, int ssrc, int sequence, int payloadType,
                boolean marker, DirectBuffer buffer, int payloadOffset, int payloadLength, long nowNanos) {
        short[] decodeTable = G711.decodeTable(payloadType);
        if (decodeTable == null) {
            return AUDIO_NOT_AUDIO;
        }
        StreamAligner aligner = channel == CHANNEL_CALLER ? callerAligner : calleeAligner;
        long arrivalPosition = positionOf(arrivalNanos);
        // Paused audio still moves the mapping along, so that resuming needs no re-anchor.
        long position = aligner.position(ssrc, rtpTimestamp, sequence, marker, arrivalPosition, payloadLength);
        long startCorrection = aligner.takeStartCorrection();
        if (startCorrection != 0) {
            position = correctStart(channel, aligner.streamStart(), position, startCorrection);
        }
        long end = position + payloadLength;
        if (end > positionOf(nowNanos) + MAX_AHEAD_SAMPLES) {
            return AUDIO_IMPLAUSIBLE;
        }
        if (end > newestEnd[channel]) {
            newestEnd[channel] = end;
            newestArrival[channel] = arrivalPosition;
        }
        if (ringState != STATE_RECORDING) {
            return AUDIO_NOT_RECORDING;
        }
        if (error != null || writer == null) {
            return AUDIO_FILE_FAILED;
        }
        long from = Math.max(position, arrivalPosition - StreamAligner.HORIZON_SAMPLES);
        if (end <= from) {
            return AUDIO_TOO_OLD;
        }
        from = Math.max(from, floorPosition);
        if (end <= from) {
            return AUDIO_NOT_RECORDING;
        }
        int outcome = AUDIO_PLACED;
        if (from < flushedPosition) {
            outcome = AUDIO_WRITTEN_LATE;
            long tail = flushedPosition - StereoMixBuffer.TAIL;
            if (from < tail) {
                // Older than the mix's tail: patch the frames in the file itself.
                long fileEnd = Math.min(end, tail);
                if (!writeLate(channel, from, fileEnd, buffer, payloadOffset + (int) (from - position),
                        decodeTable)) {
                    return AUDIO_FILE_FAILED;
                }
                from = fileEnd;
            }
            long lateEnd = Math.min(end, flushedPosition);
            if (lateEnd > from) {
                mix.decode(channel, from, buffer, payloadOffset + (int) (from - position), (int) (lateEnd - from),
                        decodeTable);
                dirtyFrom = dirtyTo > dirtyFrom ? Math.min(dirtyFrom, from) : from;
                dirtyTo = Math.max(dirtyTo, lateEnd);
                from = lateEnd;
            }
        }
        if (end > from) {
            if (end - flushedPosition > StereoMixBuffer.AHEAD) {
                // A batch at least as large as a due flush's: flushing only this packet's overflow
                // would write 20 ms per packet for as long as one stream stays ahead.
                flushTo(end - StereoMixBuffer.AHEAD + MIN_FLUSH_SAMPLES);
            }
            mix.decode(channel, from, buffer, payloadOffset + (int) (from - position), (int) (end - from),
                    decodeTable);
        }
        return outcome;
    }

    /**
     * The first window of a stream found its anchor late by {@code -correction} samples (the first
     * packet met a busy or cold thread, the sender started behind its schedule): what was placed of
     * it moves earlier whole, so its start has no seam. Frames written already are still in the
     * mix's tail; the move patches them there and the next flush writes them over their copies in
     * the file, as for late packets. What would move before the recording's start or the last
     * resume is dropped. Nothing moves while the recording is paused (a cut in the file would make
     * those copies' places unknown) or when the stream began before the tail: the correction then
     * applies from this packet on, as later drift steps do.
     *
     * @return the position of the packet just mapped, moved too
     */
    private long correctStart(int channel, long start, long position, long correction) {
        long by = -correction;
        long tail = flushedPosition - StereoMixBuffer.TAIL;
        if (by <= 0 || ringState != STATE_RECORDING || start - by < tail) {
            return position;
        }
        long floor = Math.max(floorPosition, tail);
        mix.moveEarlier(channel, start, flushedPosition + StereoMixBuffer.AHEAD, by, floor);
        long patchedFrom = Math.max(start - by, floor);
        if (patchedFrom < flushedPosition) {
            dirtyFrom = dirtyTo > dirtyFrom ? Math.min(dirtyFrom, patchedFrom) : patchedFrom;
            dirtyTo = Math.max(dirtyTo, flushedPosition);
        }
        return position - by;
    }

    /**
     * Writes the frames that have left the jitter window, if at least {@link #MIN_FLUSH_SAMPLES}
     * are due; with {@code recording.fsync: interval}, asks the finishing stage to force the WAV
     * once a second.
     *
     * @return 1 if frames were written, else 0
     */
    int flushDue(long nowNanos) {
        long now = positionOf(nowNanos);
        long due = now;
        for (int channel = 0; channel < newestEnd.length; channel++) {
            if (newestArrival[channel] >= now - QUIET_SAMPLES) {
                due = Math.min(due, newestEnd[channel]);
            }
        }
        due -= JITTER_WINDOW_SAMPLES;
        if (due - flushedPosition < MIN_FLUSH_SAMPLES) {
            return 0;
        }
        flushTo(due);
        if (forceTask != null && flushedPosition - lastForcePosition >= FORCE_INTERVAL_SAMPLES && error == null
                && files.forceQueued.compareAndSet(false, true)) {
            lastForcePosition = flushedPosition;
            handoff.handOver(forceTask);
        }
        return 1;
    }

    /**
     * A STATE record: takes effect for audio after it in the ring, and at {@code atNanos} on the
     * timeline. One that repeats the current state only adds its event (the call side sends the
     * start event so), so the interim JSON holds every event so far.
     */
    void onStateChange(long atNanos, int state, Map<String, Object> event) {
        if (event != null) {
            events.add(event);
        }
        if (state != ringState) {
            ringState = state;
            long position = Math.max(positionOf(atNanos), Math.max(lastTransitionPosition, flushedPosition));
            lastTransitionPosition = position;
            transitions.addLast(new Transition(position, state));
            if (state == STATE_RECORDING) {
                floorPosition = position;
                segments.open(atNanos);
            } else {
                segments.close(atNanos);
            }
        } else if (event == null) {
            return;
        }
        if (writer != null) {
            handoff.handOver(new FinishingTask.WriteMetadata(files, metadata(null, null, null, null)));
        }
    }

    /**
     * Ends the recording at {@code endNanos}: writes what is left and the final header, and hands
     * the WAV and the final metadata (without its checksum) to the finishing stage. Failures so far
     * are in the metadata.
     *
     * @param failure why the recording ends abnormally (e.g. shutdown), or null
     */
    void finish(long endNanos, long endedAtEpochMs, String endReason, Long callDurationMs,
                List<Map<String, Object>> endEvents, List<String> endLinkedRecordings, List<String> agents,
                String failure) {
        if (agents != null) {
            endAgents = List.copyOf(agents);
        }
        long endPosition = positionOf(endNanos);
        flushTo(Math.max(endPosition, flushedPosition));
        cutBackTo(endPosition);
        segments.close(endNanos);
        if (endEvents != null && !endEvents.isEmpty()) {
            // the call side's list is whole and in order, from the start; STATE records only fed the interim JSON
            events.clear();
            events.addAll(endEvents);
        }
        if (writer != null) {
            try {
                writer.completeHeader();
            } catch (IOException e) {
                fail("finalise", files.wav, e);
            }
        }
        if (error == null && failure != null) {
            error = failure;
        }
        RecordingMetadata metadata = metadata(Instant.ofEpochMilli(endedAtEpochMs).toString(), callDurationMs,
                error != null ? RecordingMetadata.END_REASON_ERROR : endReason, null, endLinkedRecordings);
        handoff.handOver(new FinishingTask.Finish(files, writer, metadata));
    }

    /**
     * The END record reached the ring after the recorder's clock had already written frames past
     * its instant (the call side or the ring was slow): those frames are after the hang-up, so the
     * file ends at the hang-up, not at when the recorder heard of it.
     */
    private void cutBackTo(long endPosition) {
        if (writer == null || error != null || endPosition >= flushedPosition || endPosition < floorPosition
                || endPosition < lastTransitionPosition
                || (timelineState != STATE_RECORDING && config.pauseBehavior() == PauseBehavior.SKIP)) {
            return;
        }
        long frames = endPosition - cutSamples;
        if (frames >= 0 && frames < writer.frames()) {
            writer.cutTo(frames);
        }
    }

    private void createFiles(Path day) {
        if (!RecordingPaths.isSafeId(start.recordingId())) {
            error = "recording id is not a safe file name";
            stats.writeError();
            LOG.error("Recording for call {} not written: its id {} is not a safe file name",
                    start.callId(), start.recordingId());
            return;
        }
        writer = openWav(day);
        if (writer == null) {
            return;
        }
        if (config.fsync() == FsyncPolicy.INTERVAL) {
            forceTask = new FinishingTask.ForceWav(files, writer);
        }
        writeSiprecMetadata();
        handoff.handOver(new FinishingTask.WriteMetadata(files, metadata(null, null, null, null)));
    }

    /**
     * A SIPREC session's metadata changed during the recording (re-INVITE or UPDATE): the JSON's
     * {@code siprec} and the metadata file take the update. Called before {@link #finish}.
     */
    void siprecUpdated(SiprecSession update) {
        if (update == null || update.equals(siprec)) {
            return;
        }
        boolean newXml = update.metadataXml() != null
                && (siprec == null || !update.metadataXml().equals(siprec.metadataXml()));
        siprec = update;
        if (newXml && writer != null) {
            writeSiprecMetadata();
        }
    }

    private void writeSiprecMetadata() {
        if (siprec != null && siprec.metadataXml() != null) {
            handoff.handOver(new FinishingTask.WriteSiprecMetadata(files, siprec.metadataXml()));
        }
    }

    /**
     * The WAV, created in its day directory; null, the failure recorded, if it cannot be. Only a
     * day's first recording finds no directory: making sure of it before every recording cost the
     * recorder thread a mkdir, a stat and two exceptions with their stack traces
     * ({@code Files.createDirectories} learns that a directory exists from a failing mkdir).
     */
    private WavWriter openWav(Path day) {
        try {
            return WavWriter.create(files.wav, encoding);
        } catch (IOException e) {
            if (Files.isDirectory(day)) {
                fail("create", files.wav, e);
                return null;
            }
        }
        try {
            Files.createDirectories(day);
        } catch (IOException e) {
            fail("create directory", day, e);
            return null;
        }
        try {
            return WavWriter.create(files.wav, encoding);
        } catch (IOException e) {
            fail("create", files.wav, e);
            return null;
        }
    }

    private void flushTo(long target) {
        if (dirtyTo > dirtyFrom) {
            rewriteDirty();
        }
        while (flushedPosition < target) {
            long from = flushedPosition;
            // At most the room ahead at a time: past it the slots still hold the tail until it is
            // cleared below, and a flush can be due further than that (writing held back by a
            // stream for a second, then both quiet; a recorder held up).
            writeUpTo(Math.min(target, from + StereoMixBuffer.AHEAD));
            // Written frames stay in the mix for late packets until their slots are needed ahead.
            mix.clear(from - StereoMixBuffer.TAIL, flushedPosition - StereoMixBuffer.TAIL);
        }
    }

    /** Writes from the flushed position to {@code end}, in chunks split where the state changes. */
    private void writeUpTo(long end) {
        while (flushedPosition < end) {
            Transition next = transitions.peekFirst();
            long chunkEnd = next == null ? end : Math.min(end, next.position());
            if (chunkEnd > flushedPosition) {
                write(flushedPosition, chunkEnd, timelineState == STATE_RECORDING);
                flushedPosition = chunkEnd;
            }
            if (next != null && next.position() <= flushedPosition) {
                timelineState = next.state();
                transitions.pollFirst();
            }
        }
    }

    /** Writes positions {@code [from, to)}: their audio if {@code recorded}, else per the pause behaviour. */
    private void write(long from, long to, boolean recorded) {
        if (!recorded && config.pauseBehavior() == PauseBehavior.SKIP) {
            cutSamples += to - from;
            return;
        }
        if (writer == null || error != null) {
            return;
        }
        long position = from;
        while (position < to) {
            ByteBuffer frames;
            if (recorded && encodeTable == null) {
                // 16-bit PCM: the mix holds the file's frames as they are
                frames = mix.frames(position, to);
                position += frames.remaining() / StereoMixBuffer.FRAME_BYTES;
            } else {
                position += encode(position, to, recorded);
                frames = staging;
            }
            try {
                writer.append(frames);
                stats.wavAppended();
            } catch (IOException e) {
                fail("write audio to", files.wav, e);
                return;
            } finally {
                staging.clear();
            }
        }
    }

    /**
     * Late packets patched frames still in the mix's tail: write those frames over their copies in
     * the file, once per flush however many packets patched them. Runs before the flush moves on,
     * while every dirty position is after the last resume and the cut before it is current.
     */
    private void rewriteDirty() {
        long position = Math.max(dirtyFrom, flushedPosition - StereoMixBuffer.TAIL);
        long to = dirtyTo;
        dirtyFrom = 0;
        dirtyTo = 0;
        if (writer == null || error != null) {
            return;
        }
        while (position < to) {
            long frame = position - cutSamples;
            position += encode(position, to, true);
            try {
                writer.overwriteFrames(staging, frame);
            } catch (IOException e) {
                fail("write audio to", files.wav, e);
                return;
            } finally {
                staging.clear();
            }
        }
    }

    /** Encodes frames from {@code from} (at most to {@code to}) into {@code staging}; returns how many. */
    private int encode(long from, long to, boolean recorded) {
        int blockAlign = encoding.blockAlign();
        int frames = (int) Math.min(staging.capacity() / blockAlign, to - from);
        int offset = 0;
        for (int i = 0; i < frames; i++) {
            long p = from + i;
            short caller = recorded ? mix.caller(p) : 0;
            short callee = recorded ? mix.callee(p) : 0;
            if (encodeTable == null) {
                staging.putShort(offset, caller);
                staging.putShort(offset + 2, callee);
            } else {
                staging.put(offset, encodeTable[caller & 0xFFFF]);
                staging.put(offset + 1, encodeTable[callee & 0xFFFF]);
            }
            offset += blockAlign;
        }
        staging.limit(offset).position(0);
        return frames;
    }

    /**
     * Patches one channel of timeline positions {@code [from, to)}, all written already and all at
     * or after the last resume, with a late packet's samples: read the frames back, replace that
     * channel's samples, write them over. Allocation-free.
     */
    private boolean writeLate(int channel, long from, long to, DirectBuffer src, int offset, short[] decodeTable) {
        int count = (int) (to - from);
        long frame = from - cutSamples;
        int blockAlign = encoding.blockAlign();
        try {
            writer.readFrames(staging, frame, count);
            for (int i = 0; i < count; i++) {
                short sample = decodeTable[src.getByte(offset + i) & 0xFF];
                if (encodeTable == null) {
                    staging.putShort(i * blockAlign + channel * 2, sample);
                } else {
                    staging.put(i * blockAlign + channel, encodeTable[sample & 0xFFFF]);
                }
            }
            writer.overwriteFrames(staging, frame);
            return true;
        } catch (IOException e) {
            fail("write audio to", files.wav, e);
            return false;
        } finally {
            staging.clear();
        }
    }

    private RecordingMetadata metadata(String endedAt, Long callDurationMs, String endReason, String sha256) {
        return metadata(endedAt, callDurationMs, endReason, sha256, null);
    }

    private RecordingMetadata metadata(String endedAt, Long callDurationMs, String endReason, String sha256,
                                       List<String> endLinkedRecordings) {
        Set<String> linked = new LinkedHashSet<>();
        if (start.linkedRecordings() != null) {
            linked.addAll(start.linkedRecordings());
        }
        if (endLinkedRecordings != null) {
            linked.addAll(endLinkedRecordings);
        }
        long frames = writer != null ? writer.frames() : 0;
        return new RecordingMetadata(start.recordingId(), start.callId(), listOrEmpty(start.sipCallIds()),
                start.direction(), start.caller(), start.callee(), agents(), start.number(),
                Instant.ofEpochMilli(start.startedAtEpochMs()).toString(), endedAt, frames / SAMPLES_PER_MS,
                callDurationMs, RecordingMetadata.CHANNELS, codec(start.callerCodec(), start.calleeCodec()),
                config.format().name().toLowerCase(Locale.ROOT),
                config.pauseBehavior().name().toLowerCase(Locale.ROOT), segments.segments(),
                new ArrayList<>(events), endReason, new ArrayList<>(linked), sha256, error,
                SiprecFiles.metadataOf(siprec, files.json));
    }

    private List<String> agents() {
        Set<String> all = new LinkedHashSet<>(listOrEmpty(start.agents()));
        all.addAll(endAgents);
        return new ArrayList<>(all);
    }

    private static String codec(String callerCodec, String calleeCodec) {
        if (callerCodec == null) {
            return calleeCodec;
        }
        if (calleeCodec == null || callerCodec.equalsIgnoreCase(calleeCodec)) {
            return callerCodec;
        }
        return callerCodec + "/" + calleeCodec;
    }

    private static List<String> listOrEmpty(List<String> list) {
        return list != null ? list : List.of();
    }

    /**
     * Marks the recording failed (the first cause is kept), counts the failure and tells the admin
     * once what to fix. Audio is no longer written; the call is not affected.
     */
    private void fail(String action, Path path, IOException e) {
        stats.writeError();
        if (error != null) {
            return;
        }
        error = FileErrors.describe(action, path, e);
        LOG.error("Recording {} of call {} failed: {}. The call goes on unrecorded and the recording is marked"
                        + " 'error'; check free space and permissions under {}",
                start.recordingId(), start.callId(), error, config.dir());
    }

    private long positionOf(long nanos) {
        return Math.floorDiv((nanos - startNanos) * SAMPLES_PER_SECOND, NANOS_PER_SECOND);
    }

    /** From timeline {@code position} on, the recording is in {@code state}. */
    private record Transition(long position, int state) {
    }
}
