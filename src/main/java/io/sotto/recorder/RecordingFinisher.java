package io.sotto.recorder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.config.FsyncPolicy;
import io.sotto.config.RecordingConfig;

/**
 * The finishing stage: an agent on a thread of its own that does a recording's slow file work, so
 * that the recorder thread only drains the ring and writes audio. It takes {@link FinishingTask}s
 * from a bounded queue the recorder thread offers to without ever waiting (when the queue is full
 * the recorder keeps the task and offers it again next cycle), and per {@code recording.fsync}:
 * forces the finished WAV, checksums it, closes it, writes the final JSON (forced before its
 * rename), forces the day directory, and tells the {@link RecordingListener} (the catalog). It also
 * writes the interim JSON and adds links to finished recordings, so that every JSON write of a
 * recording happens on one thread, in order.
 *
 * <p>Forcing is grouped: the recordings finished in one duty cycle share one force of their day
 * directory, and only then is the listener told of them; the interim JSON is forced only under
 * {@code interval} (under {@code on_finish} the running WAV is not forced either, and the final
 * JSON is). At 500 setups a second fsync was half of this stage's CPU; grouping halves the fsyncs.
 *
 * <p>The checksum is read back through the still open channel, from the page cache: a whole-file
 * SHA-256 cannot be carried along while writing, because the header's sizes, in the first 64-byte
 * block every later block's state depends on, are only final at the end ({@code docs/recording.md}).
 */
public final class RecordingFinisher implements Agent {
    static final int QUEUE_CAPACITY = 1024;
    /** Bounds one doWork, so that close is noticed between tasks. */
    static final int TASKS_PER_CYCLE = 8;
    private static final int HASH_CHUNK = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RecordingFinisher.class);

    private final String roleName;
    private final boolean forceFinished;
    private final boolean forceInterim;
    private final RecordingListener listener;
    private final OneToOneConcurrentArrayQueue<FinishingTask> queue =
            new OneToOneConcurrentArrayQueue<>(QUEUE_CAPACITY);
    private final MessageDigest sha256 = MetadataFiles.newSha256();
    private final ByteBuffer hashChunk = ByteBuffer.allocateDirect(HASH_CHUNK);
    /** Recordings handed over and not yet finished (listener told), counted by the recorder at hand-over. */
    private final AtomicInteger heldRecordings = new AtomicInteger();
    /** WAVs handed over and not yet closed. */
    private final AtomicInteger heldFiles = new AtomicInteger();
    private final AtomicLong writeErrors = new AtomicLong();
    private final AtomicLong recordingsFinished = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    /** Recordings finished in this cycle whose day directory is yet to be forced and listener told. */
    private final List<Finished> unannounced = new ArrayList<>(TASKS_PER_CYCLE);
    /** The day directories forced in this cycle's announcement (nearly always one). */
    private final List<Path> forcedDays = new ArrayList<>(TASKS_PER_CYCLE);

    RecordingFinisher(String roleName, RecordingConfig config, RecordingListener listener) {
        this.roleName = roleName;
        this.forceFinished = config.fsync() != FsyncPolicy.NEVER;
        this.forceInterim = config.fsync() == FsyncPolicy.INTERVAL;
        this.listener = listener;
    }

    @Override
    public String roleName() {
        return roleName;
    }

    @Override
    public int doWork() {
        int done = 0;
        for (FinishingTask task; done < TASKS_PER_CYCLE && (task = queue.poll()) != null; done++) {
            run(task);
        }
        announceFinished();
        return done;
    }

    /** Finishes everything still queued: at shutdown, after the recorder has handed over its last task. */
    @Override
    public void onClose() {
        for (FinishingTask task = queue.poll(); task != null; task = queue.poll()) {
            run(task);
            if (unannounced.size() == TASKS_PER_CYCLE) {
                announceFinished();
            }
        }
        announceFinished();
    }

    /** From the recorder thread: false when the queue is full, and the caller keeps the task. */
    boolean offer(FinishingTask task) {
        return queue.offer(task);
    }

    /** From the recorder thread, before the recording's {@link FinishingTask.Finish} is offered. */
    void holdRecording(boolean withFile) {
        heldRecordings.incrementAndGet();
        if (withFile) {
            heldFiles.incrementAndGet();
        }
    }

    int heldRecordings() {
        return heldRecordings.get();
    }

    int heldFiles() {
        return heldFiles.get();
    }

    int queued() {
        return queue.size();
    }

    long writeErrors() {
        return writeErrors.get();
    }

    long recordingsFinished() {
        return recordingsFinished.get();
    }

    /** Files and directories this finisher has forced to the device. */
    long fsyncs() {
        return fsyncs.get();
    }

    private void run(FinishingTask task) {
        try {
            if (task instanceof FinishingTask.Finish finish) {
                finish(finish);
            } else if (task instanceof FinishingTask.WriteMetadata write) {
                writeMetadata(write.files(), write.metadata());
            } else if (task instanceof FinishingTask.WriteSiprecMetadata siprec) {
                writeSiprecMetadata(siprec);
            } else if (task instanceof FinishingTask.ForceWav force) {
                force(force);
            } else if (task instanceof FinishingTask.AddLink link) {
                addLink(link);
            }
        } catch (RuntimeException e) {
            // One recording's failure must not stop the stage for the others.
            writeErrors.incrementAndGet();
            LOG.error("Finishing recording {} failed", task.files().recordingId, e);
        }
    }

    private void finish(FinishingTask.Finish task) {
        RecordingFiles files = task.files();
        RecordingMetadata metadata = task.metadata();
        String error = metadata.error() != null ? metadata.error() : files.error;
        String checksum = null;
        WavWriter writer = task.writer();
        if (writer != null) {
            try {
                if (forceFinished) {
                    writer.force(true);
                    fsyncs.incrementAndGet();
                }
                checksum = HexFormat.of().formatHex(writer.sha256(sha256, hashChunk));
            } catch (IOException | RuntimeException e) {
                error = fail(files, error, "finalise", e);
            } finally {
                writer.close();
                heldFiles.decrementAndGet();
            }
        }
        metadata = metadata.withAudio(metadata.durationMs(), checksum);
        if (error != null) {
            metadata = metadata.withError(error);
        }
        boolean written = false;
        if (writer != null) {
            try {
                if (forceFinished && files.siprecXmlUnforced) {
                    MetadataFiles.force(SiprecFiles.metadataXml(files.json));
                    fsyncs.incrementAndGet();
                }
                MetadataFiles.write(files.json, metadata, forceFinished);
                written = true;
                if (forceFinished) {
                    fsyncs.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                metadata = metadata.withError(fail(files, error, "write", e));
            }
        }
        unannounced.add(new Finished(files, metadata, written && forceFinished));
    }

    /**
     * Forces each day directory that a recording finished in this cycle was renamed into, once,
     * then tells the listener of those recordings: the catalog never lists a file a power cut could
     * still take.
     */
    private void announceFinished() {
        for (Finished finished : unannounced) {
            if (finished.forceDay && !forcedDays.contains(finished.files.day)) {
                forcedDays.add(finished.files.day);
                forceDay(finished.files.day);
            }
        }
        forcedDays.clear();
        for (Finished finished : unannounced) {
            RecordingMetadata metadata = finished.metadata;
            recordingsFinished.incrementAndGet();
            LOG.info("Recording {} finished: {}, {} ms of audio{}", metadata.recordingId(), metadata.endReason(),
                    metadata.durationMs(), metadata.error() != null ? ", error: " + metadata.error() : "");
            try {
                listener.onFinished(metadata, finished.files.wav, finished.files.json);
            } catch (RuntimeException e) {
                LOG.error("Recording listener failed for recording {}", metadata.recordingId(), e);
            } finally {
                heldRecordings.decrementAndGet();
            }
        }
        unannounced.clear();
    }

    /** Forces {@code day}; on failure every recording of this cycle renamed into it carries the error. */
    private void forceDay(Path day) {
        try {
            MetadataFiles.force(day);
            fsyncs.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            for (int i = 0; i < unannounced.size(); i++) {
                Finished finished = unannounced.get(i);
                if (finished.forceDay && finished.files.day.equals(day)) {
                    String error = fail(finished.files, finished.metadata.error(), "write", e);
                    unannounced.set(i, new Finished(finished.files, finished.metadata.withError(error), true));
                }
            }
        }
    }

    private void writeMetadata(RecordingFiles files, RecordingMetadata metadata) {
        try {
            MetadataFiles.write(files.json, metadata, forceInterim);
            if (forceInterim) {
                fsyncs.incrementAndGet();
            }
        } catch (IOException e) {
            files.error = fail(files, files.error, "write", e);
        }
    }

    private void writeSiprecMetadata(FinishingTask.WriteSiprecMetadata task) {
        RecordingFiles files = task.files();
        Path file = SiprecFiles.metadataXml(files.json);
        try {
            SiprecFiles.write(file, task.xml(), forceInterim);
            if (forceInterim) {
                fsyncs.incrementAndGet();
            }
            files.siprecXmlUnforced = !forceInterim;
        } catch (IOException e) {
            files.error = fail(files, files.error, "write", e);
        }
    }

    private void force(FinishingTask.ForceWav task) {
        task.files().forceQueued.set(false);
        try {
            task.writer().force(false);
            fsyncs.incrementAndGet();
        } catch (IOException e) {
            // The recorder sees a dying disk at its next write; here it is only counted and logged.
            writeErrors.incrementAndGet();
            LOG.warn("Recording {}: cannot force {} to disk: {}", task.files().recordingId, task.files().wav,
                    e.toString());
        }
    }

    private void addLink(FinishingTask.AddLink task) {
        RecordingFiles files = task.files();
        try {
            RecordingMetadata metadata = MetadataFiles.addLink(files.json, task.linkedId());
            listener.onLinked(metadata, files.wav, files.json);
        } catch (IOException | RuntimeException e) {
            writeErrors.incrementAndGet();
            LOG.error("Recording {}: could not add the link to {} in {}: {}", files.recordingId, task.linkedId(),
                    files.json, e.toString());
        }
    }

    /** A recording whose files are complete, waiting for its day directory's force and its announcement. */
    private record Finished(RecordingFiles files, RecordingMetadata metadata, boolean forceDay) {
    }

    /**
     * Counts a failure and returns the recording's error: the first cause is kept, and the admin is
     * told once what to fix.
     */
    private String fail(RecordingFiles files, String error, String action, Exception e) {
        writeErrors.incrementAndGet();
        if (error != null) {
            return error;
        }
        String cause = FileErrors.describe(action, action.equals("write") ? files.json : files.wav, e);
        LOG.error("Recording {} failed: {}. The recording is marked 'error'; check free space and permissions"
                + " under {}", files.recordingId, cause, files.day);
        return cause;
    }
}
