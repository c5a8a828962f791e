package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.fork.ForkDescriptor.STATE_RECORDING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingConfig;
import io.sotto.fork.RecordingStart;
import io.sotto.fork.SiprecSession;

/**
 * One recording: places both legs' audio on one timeline, holds it for a jitter window, applies
 * pause/stop, and hands finished frames to its {@link WavWriter}. Owned by the recorder agent's
 * thread.
 *
 * <p>The timeline counts samples at 8 kHz from the START record. Frames are written once they are
 * {@link #JITTER_WINDOW_SAMPLES} old; what arrives for a position already written is late and
 * dropped. State changes take effect twice: audio that follows a pause in the ring is discarded
 * before it is placed, and positions from the pause's instant to the resume's are cut out or
 * silenced when written, so that no audio of a paused stretch reaches the disk (SPEC 7, PCI).
 */
final class RecordingSession {
    static final int SAMPLES_PER_SECOND = 8000;
    static final int SAMPLES_PER_MS = SAMPLES_PER_SECOND / 1000;
    /** 200 ms: how long a position stays open for late packets before it is written. */
    static final long JITTER_WINDOW_SAMPLES = 200 * SAMPLES_PER_MS;
    /** 100 ms: fewer due frames than this wait for the next round, to keep writes large. */
    static final long MIN_FLUSH_SAMPLES = 100 * SAMPLES_PER_MS;
    /** Arrival times later than a second past the agent's clock are not believed. */
    static final long MAX_AHEAD_SAMPLES = SAMPLES_PER_SECOND;

    static final int AUDIO_PLACED = 0;
    static final int AUDIO_LATE = 1;
    static final int AUDIO_NOT_AUDIO = 2;
    static final int AUDIO_NOT_RECORDING = 3;
    static final int AUDIO_IMPLAUSIBLE = 4;
    static final int AUDIO_FILE_FAILED = 5;

    private static final Logger LOG = LoggerFactory.getLogger(RecordingSession.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long sessionKey;
    private final RecordingStart start;
    private final long startNanos;
    private final RecordingConfig config;
    private final WavEncoding encoding;
    private final byte[] encodeTable;
    private final Path wavPath;
    private final Path jsonPath;
    private final ByteBuffer staging;
    private final RecorderStats stats;
    private final StreamAligner callerAligner = new StreamAligner();
    private final StreamAligner calleeAligner = new StreamAligner();
    private final StereoMixBuffer mix = new StereoMixBuffer();
    private final ArrayDeque<Transition> transitions = new ArrayDeque<>();
    private final SegmentLog segments;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private WavWriter writer;
    private int ringState = STATE_RECORDING;
    private int timelineState = STATE_RECORDING;
    private long lastTransitionPosition;
    private long flushedPosition;
    private String error;
    /** Agents the call side named at the end, beyond those of the start (a transfer kept the recording). */
    private List<String> endAgents = List.of();
    /** A SIPREC recording's session as last known (the start's, or an END's update); null on a B2BUA call. */
    private SiprecSession siprec;

    private RecordingSession(long sessionKey, RecordingStart start, long startNanos, RecordingConfig config,
                             Path dayDirectory, ByteBuffer staging, RecorderStats stats) {
        this.sessionKey = sessionKey;
        this.start = start;
        this.startNanos = startNanos;
        this.config = config;
        this.encoding = WavEncoding.of(config.format(), start.callerCodec());
        this.encodeTable = switch (encoding) {
            case MULAW -> G711.LINEAR_TO_ULAW;
            case ALAW -> G711.LINEAR_TO_ALAW;
            case PCM16 -> null;
        };
        this.wavPath = RecordingPaths.wav(dayDirectory, start.recordingId());
        this.jsonPath = RecordingPaths.json(dayDirectory, start.recordingId());
        this.staging = staging;
        this.stats = stats;
        this.siprec = start.siprec();
        this.segments = new SegmentLog(start.callStartNanos());
        segments.open(startNanos);
    }

    /**
     * Opens a recording at {@code startNanos}: its WAV (valid, empty) and its JSON (what is known
     * so far) exist on return, or the session is failed with the cause, and the call goes on.
     *
     * @param staging the agent's buffer for encoding frames, shared by every session
     */
    static RecordingSession open(long sessionKey, RecordingStart start, long startNanos, RecordingConfig config,
                                 ByteBuffer staging, RecorderStats stats) {
        Path day = RecordingPaths.dayDirectory(config.dir(), start.startedAtEpochMs());
        RecordingSession session = new RecordingSession(sessionKey, start, startNanos, config, day, staging, stats);
        session.createFiles(day);
        return session;
    }

    long sessionKey() {
        return sessionKey;
    }

    String recordingId() {
        return start.recordingId();
    }

    Path wavPath() {
        return wavPath;
    }

    Path jsonPath() {
        return jsonPath;
    }

    boolean hasOpenFile() {
        return writer != null && writer.isOpen();
    }

    String error() {
        return error;
    }

    /**
     * Places one RTP packet's G.711 payload on the timeline. Allocation-free.
     *
     * @return one of the {@code AUDIO_*} outcomes, for the agent to count
     */
    int onAudio(int channel, long arrivalNanos, int rtpTimestamp, int ssrc, int sequence, int payloadType,
                DirectBuffer buffer, int payloadOffset, int payloadLength, long nowNanos) {
        short[] decodeTable = G711.decodeTable(payloadType);
        if (decodeTable == null) {
            return AUDIO_NOT_AUDIO;
        }
        StreamAligner aligner = channel == CHANNEL_CALLER ? callerAligner : calleeAligner;
        // Paused audio still moves the mapping along, so that resuming needs no re-anchor.
        long position = aligner.position(ssrc, rtpTimestamp, sequence, positionOf(arrivalNanos), payloadLength);
        if (ringState != STATE_RECORDING) {
            return AUDIO_NOT_RECORDING;
        }
        if (error != null || writer == null) {
            return AUDIO_FILE_FAILED;
        }
        long end = position + payloadLength;
        if (end <= flushedPosition) {
            return AUDIO_LATE;
        }
        if (end > positionOf(nowNanos) + MAX_AHEAD_SAMPLES) {
            return AUDIO_IMPLAUSIBLE;
        }
        if (end - flushedPosition > StereoMixBuffer.CAPACITY) {
            flushTo(end - StereoMixBuffer.CAPACITY);
        }
        long from = Math.max(position, flushedPosition);
        mix.decode(channel, from, buffer, payloadOffset + (int) (from - position), (int) (end - from), decodeTable);
        return AUDIO_PLACED;
    }

    /**
     * Writes the frames that have left the jitter window, if at least {@link #MIN_FLUSH_SAMPLES}
     * are due.
     *
     * @return 1 if frames were written, else 0
     */
    int flushDue(long nowNanos) {
        long due = positionOf(nowNanos) - JITTER_WINDOW_SAMPLES;
        if (due - flushedPosition < MIN_FLUSH_SAMPLES) {
            return 0;
        }
        flushTo(due);
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
                segments.open(atNanos);
            } else {
                segments.close(atNanos);
            }
        } else if (event == null) {
            return;
        }
        if (writer != null) {
            writeMetadata(metadata(null, null, null, null));
        }
    }

    /**
     * Ends the recording at {@code endNanos}: writes what is left, finalises and forces the WAV,
     * checksums it and writes the final JSON. Failures are recorded in the metadata returned.
     *
     * @param failure why the recording ends abnormally (e.g. shutdown), or null
     */
    RecordingMetadata finish(long endNanos, long endedAtEpochMs, String endReason, Long callDurationMs,
                             List<Map<String, Object>> endEvents, List<String> endLinkedRecordings,
                             List<String> agents, String failure) {
        if (agents != null) {
            endAgents = List.copyOf(agents);
        }
        long endPosition = Math.max(positionOf(endNanos), flushedPosition);
        flushTo(endPosition);
        segments.close(endNanos);
        if (endEvents != null && !endEvents.isEmpty()) {
            // the call side's list is whole and in order, from the start; STATE records only fed the interim JSON
            events.clear();
            events.addAll(endEvents);
        }
        String sha256 = null;
        if (writer != null) {
            try {
                writer.finish();
            } catch (IOException e) {
                fail("finalise", wavPath, e);
            }
            try {
                sha256 = MetadataFiles.sha256(wavPath);
            } catch (IOException e) {
                fail("checksum", wavPath, e);
            }
        }
        if (error == null && failure != null) {
            error = failure;
        }
        RecordingMetadata metadata = metadata(Instant.ofEpochMilli(endedAtEpochMs).toString(), callDurationMs,
                error != null ? RecordingMetadata.END_REASON_ERROR : endReason, sha256, endLinkedRecordings);
        if (writer != null && !writeMetadata(metadata)) {
            metadata = metadata.withError(error);
        }
        return metadata;
    }

    private void createFiles(Path day) {
        if (!RecordingPaths.isSafeId(start.recordingId())) {
            error = "recording id is not a safe file name";
            stats.writeError();
            LOG.error("Recording for call {} not written: its id {} is not a safe file name",
                    start.callId(), start.recordingId());
            return;
        }
        try {
            Files.createDirectories(day);
        } catch (IOException e) {
            fail("create directory", day, e);
            return;
        }
        try {
            writer = WavWriter.create(wavPath, encoding);
        } catch (IOException e) {
            fail("create", wavPath, e);
            return;
        }
        writeSiprecMetadata();
        writeMetadata(metadata(null, null, null, null));
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
        if (siprec == null || siprec.metadataXml() == null) {
            return;
        }
        Path file = SiprecFiles.metadataXml(jsonPath);
        try {
            SiprecFiles.write(file, siprec.metadataXml());
        } catch (IOException e) {
            fail("write", file, e);
        }
    }

    private void flushTo(long target) {
        while (flushedPosition < target) {
            Transition next = transitions.peekFirst();
            long chunkEnd = next == null ? target : Math.min(target, next.position());
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
        if (writer == null || error != null || (!recorded && config.pauseBehavior() == PauseBehavior.SKIP)) {
            mix.clear(from, to);
            return;
        }
        int blockAlign = encoding.blockAlign();
        int maxFrames = staging.capacity() / blockAlign;
        long position = from;
        while (position < to) {
            int frames = (int) Math.min(maxFrames, to - position);
            int offset = 0;
            for (int i = 0; i < frames; i++) {
                long p = position + i;
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
            mix.clear(position, position + frames);
            position += frames;
            staging.limit(offset).position(0);
            try {
                writer.append(staging);
            } catch (IOException e) {
                fail("write audio to", wavPath, e);
                mix.clear(position, to);
                return;
            } finally {
                staging.clear();
            }
        }
    }

    private boolean writeMetadata(RecordingMetadata metadata) {
        try {
            MetadataFiles.write(jsonPath, metadata);
            return true;
        } catch (IOException e) {
            fail("write", jsonPath, e);
            return false;
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
                SiprecFiles.metadataOf(siprec, jsonPath));
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
        error = "cannot " + action + " " + path + ": " + reason(e);
        LOG.error("Recording {} of call {} failed: {}. The call goes on unrecorded and the recording is marked"
                        + " 'error'; check free space and permissions under {}",
                start.recordingId(), start.callId(), error, config.dir());
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private long positionOf(long nanos) {
        return Math.floorDiv((nanos - startNanos) * SAMPLES_PER_SECOND, NANOS_PER_SECOND);
    }

    /** From timeline {@code position} on, the recording is in {@code state}. */
    private record Transition(long position, int state) {
    }
}
