package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.config.RecordingConfig;
import io.sotto.fork.ControlBodies;
import io.sotto.fork.RecordingEnd;
import io.sotto.fork.RecordingLink;
import io.sotto.fork.RecordingStart;
import io.sotto.fork.StateChange;

/**
 * The recorder: the one thread that drains the fork ring and writes every recording's audio.
 * Records arrive in ring order, so a pause lands at the exact point of the packet stream where it
 * was taken. Each {@link #doWork()} reads a bounded batch, then writes what has left each
 * recording's jitter window; the WAV header is updated with every write.
 *
 * <p>Everything slow about a recording's files (forcing to disk, the checksum, every JSON write,
 * the catalog) is handed to the {@link #finishers()}, agents that must run on threads of their own.
 * A recording always goes to the same finisher (chosen by its id), which keeps its tasks in order.
 * Handing over never waits: a task a full finisher queue refuses is kept here, in order, and
 * offered again at the start of every duty cycle.
 *
 * <p>Audio records are handled without allocation, locks, logging or boxing; control records
 * (START, STATE, END) are rare and decode their JSON. A failing disk never throws out of
 * {@link #doWork()}: the recording concerned ends as {@code error} and the calls go on.
 *
 * <p>Run {@link RecordingRepair#repairAll} on the directory before the agent starts; run the agent
 * on one thread (an {@code AgentRunner}), and close it after the producers have stopped so that
 * {@link #onClose()} finalises every recording still open.
 */
public final class RecorderAgent implements Agent {
    /** Bounds one doWork: 20 ms of audio of 500 calls (two legs, 50 packets a second each). */
    static final int READ_LIMIT = 1024;
    /**
     * How often the open recordings are asked whether a flush is due. A flush writes at least
     * {@link RecordingSession#MIN_FLUSH_SAMPLES} (100 ms), so asking in every cycle (tens of
     * thousands a second under load, each asking every recording) was most of this thread's time
     * at 400 call setups a second, for nothing.
     */
    static final long FLUSH_CHECK_NANOS = 10_000_000L;
    /** Frames encoded per file write: 64 KiB of pcm16. */
    static final int STAGING_FRAMES = 16 * 1024;
    /** Bounds the drain at close to a million records; producers have stopped by then. */
    static final int MAX_CLOSE_BATCHES = 1024;
    /** Finishing is mostly waiting for the disk (fsync); two let one checksum while another waits. */
    static final int FINISHERS = 2;
    /** How long close waits for room in the finishers' queues before leaving the rest to repair. */
    static final long CLOSE_HANDOFF_NANOS = 10_000_000_000L;
    static final String SHUTDOWN = "shutdown";

    private static final Logger LOG = LoggerFactory.getLogger(RecorderAgent.class);

    private final RecordingConfig config;
    private final RingBuffer ring;
    private final ControlBodies bodies;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final RecordingFinisher[] finishers;
    /** Per finisher, tasks its queue refused, in order; offered again each duty cycle. */
    private final ArrayDeque<FinishingTask>[] pending;
    private final FinishingHandoff handoff = this::handOver;
    private final Long2ObjectHashMap<RecordingSession> sessions = new Long2ObjectHashMap<>();
    /**
     * Mix buffers of finished recordings, for the next: they are off the heap, and freeing one
     * waits for a collection that finds its handle, so a busy day would pile them up.
     */
    private final ArrayDeque<StereoMixBuffer> freeMixes = new ArrayDeque<>();
    /** The same sessions as {@link #sessions}, for iteration without an iterator. */
    private final ArrayList<RecordingSession> sessionList = new ArrayList<>();
    private final RecorderStats stats = new RecorderStats();
    private final ByteBuffer staging =
            ByteBuffer.allocateDirect(STAGING_FRAMES * WavEncoding.PCM16.blockAlign()).order(ByteOrder.LITTLE_ENDIAN);
    private final MessageHandler handler = this::onMessage;
    private long nowNanos;
    /** The latest arrival of the audio read in this duty cycle; {@link Long#MIN_VALUE} if none. */
    private long latestArrivalNanos;
    private long nextFlushCheckNanos;
    private volatile int openFiles;
    private volatile int activeRecordings;
    private volatile int pendingTasks;

    public RecorderAgent(RecordingConfig config, RingBuffer ring, ControlBodies bodies, NanoClock nanoClock,
                         EpochClock epochClock, RecordingListener listener) {
        this.config = config;
        this.ring = ring;
        this.bodies = bodies;
        this.nanoClock = nanoClock;
        this.nextFlushCheckNanos = nanoClock.nanoTime();
        this.epochClock = epochClock;
        this.finishers = new RecordingFinisher[FINISHERS];
        this.pending = newPending(FINISHERS);
        for (int i = 0; i < FINISHERS; i++) {
            finishers[i] = new RecordingFinisher("sotto-recording-finisher-" + i, config, listener);
        }
    }

    @SuppressWarnings("unchecked")
    private static ArrayDeque<FinishingTask>[] newPending(int count) {
        ArrayDeque<FinishingTask>[] queues = new ArrayDeque[count];
        for (int i = 0; i < count; i++) {
            queues[i] = new ArrayDeque<>(RecordingFinisher.QUEUE_CAPACITY);
        }
        return queues;
    }

    /** The finishing stage's agents: run each on a thread of its own, and close them after this agent. */
    public List<RecordingFinisher> finishers() {
        return List.of(finishers);
    }

    @Override
    public int doWork() {
        nowNanos = nanoClock.nanoTime();
        latestArrivalNanos = Long.MIN_VALUE;
        int handedOver = pendingTasks > 0 ? offerPending() : 0;
        int read = ring.read(handler, READ_LIMIT);
        int work = handedOver + read;
        // Also while the ring is behind (a full batch read): the ring is in arrival order, so audio
        // still unread arrived after the newest read, and the jitter window, counted from that,
        // keeps its places unwritten as it would have in time. Waiting for the backlog to clear
        // instead left only the mix buffer's capacity to force writes, one packet's 20 ms at a
        // time: five times the writes, so the backlog never cleared (1,000 SIPREC sessions lost
        // 30-50 % of their packets at the fork ring in most runs).
        if (nowNanos - nextFlushCheckNanos >= 0) {
            nextFlushCheckNanos = nowNanos + FLUSH_CHECK_NANOS;
            // The jitter window counts from the newest audio read, not from now: a recorder that
            // was held up does not write out the places of packets it has only just read (they
            // would be late, and a stream's start could no longer be moved, docs/recording.md).
            long flushClock = latestArrivalNanos == Long.MIN_VALUE ? nowNanos
                    : Math.min(nowNanos, latestArrivalNanos);
            for (int i = 0, n = sessionList.size(); i < n; i++) {
                work += sessionList.get(i).flushDue(flushClock);
            }
        }
        return work;
    }

    /** Drains what is left in the ring, then finalises every open recording as ended by shutdown. */
    @Override
    public void onClose() {
        nowNanos = nanoClock.nanoTime();
        for (int i = 0; i < MAX_CLOSE_BATCHES && ring.read(handler, READ_LIMIT) > 0; i++) {
            nowNanos = nanoClock.nanoTime();
        }
        while (!sessionList.isEmpty()) {
            finish(sessionList.get(sessionList.size() - 1), nowNanos, epochClock.time(),
                    RecordingMetadata.END_REASON_ERROR, null, null, null, null, SHUTDOWN);
        }
        // The finishers still run: wait for room, bounded; what is left then is complete on disk
        // but for its final JSON, which repair writes at the next start.
        // Real time, not the agent's clock: this waits for the finishers' threads.
        long deadline = System.nanoTime() + CLOSE_HANDOFF_NANOS;
        while (pendingTasks > 0 && System.nanoTime() - deadline < 0) {
            if (offerPending() == 0) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        if (pendingTasks > 0) {
            LOG.error("{} finishing task(s) not handed over at shutdown; repair completes their recordings at the"
                    + " next start", pendingTasks);
        }
    }

    @Override
    public String roleName() {
        return "sotto-recorder";
    }

    /** WAV files currently open, here or in the finishing stage; readable from any thread. */
    public int openFiles() {
        int open = openFiles;
        for (RecordingFinisher finisher : finishers) {
            open += finisher.heldFiles();
        }
        return open;
    }

    /** Recordings started and not yet finished (final JSON written, listener told); readable from any thread. */
    public int activeRecordings() {
        int active = activeRecordings;
        for (RecordingFinisher finisher : finishers) {
            active += finisher.heldRecordings();
        }
        return active;
    }

    /** The counters as of now; readable from any thread. */
    public RecorderCounters counters() {
        long writeErrors = 0;
        long finished = 0;
        long backlog = pendingTasks;
        long fsyncs = 0;
        for (RecordingFinisher finisher : finishers) {
            writeErrors += finisher.writeErrors();
            finished += finisher.recordingsFinished();
            backlog += finisher.queued();
            fsyncs += finisher.fsyncs();
        }
        return stats.snapshot(writeErrors, finished, backlog, fsyncs);
    }

    private void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        if (msgTypeId == AUDIO_MSG_TYPE_ID) {
            onAudio(buffer, index, length);
            return;
        }
        if (length < CONTROL_HEADER_LENGTH) {
            stats.malformedRecord();
            return;
        }
        // taken before anything else is decided, so that every control record takes its own body
        Object body = bodies.take(buffer.getLong(index + BODY_NUMBER_OFFSET));
        try {
            switch (msgTypeId) {
                case START_MSG_TYPE_ID -> onStart(buffer, index, bodyAs(body, RecordingStart.class, buffer, index));
                case STATE_MSG_TYPE_ID -> onState(buffer, index, bodyAs(body, StateChange.class, buffer, index));
                case END_MSG_TYPE_ID -> onEnd(buffer, index, bodyAs(body, RecordingEnd.class, buffer, index));
                case LINK_MSG_TYPE_ID -> onLink(bodyAs(body, RecordingLink.class, buffer, index));
                default -> stats.malformedRecord();
            }
        } catch (RuntimeException e) {
            // A control record the recorder could not handle must not stop it for every other call.
            stats.malformedRecord();
            LOG.error("Recorder failed on a control record (type {}) for session {}", msgTypeId,
                    buffer.getLong(index + SESSION_KEY_OFFSET), e);
        }
    }

    private void onAudio(DirectBuffer buffer, int index, int length) {
        if (length < AUDIO_HEADER_LENGTH) {
            stats.malformedRecord();
            return;
        }
        RecordingSession session = sessions.get(buffer.getLong(index + SESSION_KEY_OFFSET));
        if (session == null) {
            stats.unknownSessionRecord();
            return;
        }
        int channel = buffer.getInt(index + CHANNEL_OFFSET);
        int payloadLength = buffer.getInt(index + PAYLOAD_LENGTH_OFFSET);
        if ((channel != CHANNEL_CALLER && channel != CHANNEL_CALLEE)
                || payloadLength < 0 || payloadLength > length - AUDIO_HEADER_LENGTH) {
            stats.malformedRecord();
            return;
        }
        long arrivalNanos = buffer.getLong(index + NANOS_OFFSET);
        if (arrivalNanos > latestArrivalNanos) {
            latestArrivalNanos = arrivalNanos;
        }
        int outcome = session.onAudio(channel,
                arrivalNanos,
                buffer.getInt(index + RTP_TIMESTAMP_OFFSET),
                buffer.getInt(index + SSRC_OFFSET),
                buffer.getShort(index + SEQUENCE_OFFSET) & 0xFFFF,
                buffer.getByte(index + PAYLOAD_TYPE_OFFSET) & 0x7F,
                (buffer.getByte(index + FLAGS_OFFSET) & FLAG_MARKER) != 0,
                buffer, index + AUDIO_HEADER_LENGTH, payloadLength, nowNanos);
        switch (outcome) {
            case RecordingSession.AUDIO_PLACED -> stats.packetWritten();
            case RecordingSession.AUDIO_WRITTEN_LATE -> {
                stats.packetWritten();
                stats.latePacketWritten();
            }
            case RecordingSession.AUDIO_TOO_OLD -> stats.latePacketDropped();
            case RecordingSession.AUDIO_NOT_AUDIO -> stats.nonAudioPacket();
            case RecordingSession.AUDIO_NOT_RECORDING -> stats.pausedPacketDiscarded();
            case RecordingSession.AUDIO_IMPLAUSIBLE -> stats.malformedRecord();
            default -> {
                // The recording's file already failed; that was counted and logged when it happened.
            }
        }
    }

    private void onStart(DirectBuffer buffer, int index, RecordingStart start) {
        long key = buffer.getLong(index + SESSION_KEY_OFFSET);
        if (start == null) {
            return;
        }
        if (sessions.containsKey(key)) {
            stats.malformedRecord();
            LOG.warn("Duplicate START for session {} (recording {}) ignored; the first recording continues",
                    key, start.recordingId());
            return;
        }
        StereoMixBuffer mix = freeMixes.pollFirst();
        RecordingSession session = RecordingSession.open(key, start, buffer.getLong(index + NANOS_OFFSET), config,
                mix != null ? mix : new StereoMixBuffer(), staging, stats, handoff);
        sessions.put(key, session);
        sessionList.add(session);
        stats.recordingStarted();
        activeRecordings = sessionList.size();
        if (session.hasOpenFile()) {
            openFiles = openFiles + 1;
        }
        if (session.error() == null) {
            LOG.info("Recording {} of call {} started: {}", start.recordingId(), start.callId(), session.wavPath());
        }
    }

    private void onState(DirectBuffer buffer, int index, StateChange change) {
        RecordingSession session = sessions.get(buffer.getLong(index + SESSION_KEY_OFFSET));
        if (session == null) {
            stats.unknownSessionRecord();
            return;
        }
        int state = buffer.getInt(index + STATE_OFFSET);
        if (state != STATE_RECORDING && state != STATE_PAUSED && state != STATE_STOPPED) {
            stats.malformedRecord();
            return;
        }
        if (change != null) {
            session.onStateChange(buffer.getLong(index + NANOS_OFFSET), state, change.event());
        }
    }

    private void onEnd(DirectBuffer buffer, int index, RecordingEnd end) {
        RecordingSession session = sessions.get(buffer.getLong(index + SESSION_KEY_OFFSET));
        if (session == null) {
            stats.unknownSessionRecord();
            return;
        }
        long atNanos = buffer.getLong(index + NANOS_OFFSET);
        if (end == null) {
            finish(session, atNanos, epochClock.time(), RecordingMetadata.END_REASON_ERROR, null, null, null, null,
                    "END record without its body");
            return;
        }
        session.siprecUpdated(end.siprec());
        finish(session, atNanos, end.endedAtEpochMs(), end.endReason(), end.callDurationMs(), end.events(),
                end.linkedRecordings(), end.agents(), null);
    }

    /** A finished recording gains a link to the one that continued its call after a transfer. */
    private void onLink(RecordingLink link) {
        if (link == null) {
            return;
        }
        if (!RecordingPaths.isSafeId(link.recordingId())) {
            stats.malformedRecord();
            return;
        }
        Path day = RecordingPaths.dayDirectory(config.dir(), link.startedAtEpochMs());
        // Its finisher is the one that wrote its final JSON, so the link is added after that.
        handOver(new FinishingTask.AddLink(new RecordingFiles(link.recordingId(), day), link.linkedId()));
    }

    private void finish(RecordingSession session, long endNanos, long endedAtEpochMs, String endReason,
                        Long callDurationMs, List<Map<String, Object>> endEvents, List<String> endLinkedRecordings,
                        List<String> agents, String failure) {
        boolean hadFile = session.hasOpenFile();
        session.finish(endNanos, endedAtEpochMs, endReason, callDurationMs, endEvents, endLinkedRecordings, agents,
                failure);
        sessions.remove(session.sessionKey());
        sessionList.remove(session);
        StereoMixBuffer mix = session.mix();
        mix.clear(0, StereoMixBuffer.CAPACITY);
        freeMixes.addFirst(mix);
        activeRecordings = sessionList.size();
        if (hadFile) {
            openFiles = openFiles - 1;
        }
    }

    /**
     * Gives {@code task} to its recording's finisher, or keeps it behind the ones that finisher
     * refused before. A finished recording is counted by its finisher before it is offered, so that
     * it is never counted by neither.
     */
    private void handOver(FinishingTask task) {
        int i = finisherIndex(task.files().recordingId);
        if (task instanceof FinishingTask.Finish finish) {
            finishers[i].holdRecording(finish.writer() != null && finish.writer().isOpen());
        }
        ArrayDeque<FinishingTask> waiting = pending[i];
        if (waiting.isEmpty() && finishers[i].offer(task)) {
            return;
        }
        waiting.addLast(task);
        pendingTasks = pendingTasks + 1;
    }

    /** Offers what the finishers refused before, in order; returns how many were taken. */
    private int offerPending() {
        int taken = 0;
        for (int i = 0; i < finishers.length; i++) {
            ArrayDeque<FinishingTask> waiting = pending[i];
            while (!waiting.isEmpty() && finishers[i].offer(waiting.peekFirst())) {
                waiting.pollFirst();
                taken++;
            }
        }
        pendingTasks = pendingTasks - taken;
        return taken;
    }

    static int finisherIndex(String recordingId) {
        return (recordingId.hashCode() & Integer.MAX_VALUE) % FINISHERS;
    }

    /** {@code body} as a {@code type}, or null (counted) when the record at {@code index} has none of that type. */
    private <T> T bodyAs(Object body, Class<T> type, DirectBuffer buffer, int index) {
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        stats.malformedRecord();
        LOG.error("{} record for session {} dropped: its body is missing or of another record",
                type.getSimpleName(), buffer.getLong(index + SESSION_KEY_OFFSET));
        return null;
    }
}
