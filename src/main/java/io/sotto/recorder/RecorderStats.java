package io.sotto.recorder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The recorder's live counters: written only by the agent thread (a release store, no lock or
 * read-modify-write), read by any thread through {@link #snapshot()}.
 */
final class RecorderStats {
    private final AtomicLong packetsWritten = new AtomicLong();
    private final AtomicLong latePacketsDropped = new AtomicLong();
    private final AtomicLong unknownSessionRecords = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final AtomicLong nonAudioPackets = new AtomicLong();
    private final AtomicLong pausedPacketsDiscarded = new AtomicLong();
    private final AtomicLong malformedRecords = new AtomicLong();
    private final AtomicLong recordingsStarted = new AtomicLong();
    private final AtomicLong latePacketsWritten = new AtomicLong();
    private final AtomicLong wavAppends = new AtomicLong();

    void packetWritten() {
        increment(packetsWritten);
    }

    void latePacketDropped() {
        increment(latePacketsDropped);
    }

    void unknownSessionRecord() {
        increment(unknownSessionRecords);
    }

    void writeError() {
        increment(writeErrors);
    }

    void nonAudioPacket() {
        increment(nonAudioPackets);
    }

    void pausedPacketDiscarded() {
        increment(pausedPacketsDiscarded);
    }

    void malformedRecord() {
        increment(malformedRecords);
    }

    void recordingStarted() {
        increment(recordingsStarted);
    }

    void wavAppended() {
        increment(wavAppends);
    }

    void latePacketWritten() {
        increment(latePacketsWritten);
    }

    /** The recorder thread's counters with the finishing stage's figures added. */
    RecorderCounters snapshot(long finisherWriteErrors, long recordingsFinished, long finishingBacklog,
                              long fsyncs) {
        return new RecorderCounters(packetsWritten.get(), latePacketsDropped.get(), unknownSessionRecords.get(),
                writeErrors.get() + finisherWriteErrors, nonAudioPackets.get(), pausedPacketsDiscarded.get(),
                malformedRecords.get(), recordingsStarted.get(), recordingsFinished, latePacketsWritten.get(),
                finishingBacklog, fsyncs, wavAppends.get());
    }

    private static void increment(AtomicLong counter) {
        counter.setRelease(counter.getPlain() + 1);
    }
}
