package io.sotto.fork;

import static io.sotto.fork.ForkDescriptor.*;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The producer side of the fork: media threads offer audio, the call conductor writes control
 * records (through a {@link ForkControlQueue}). Audio may come from any thread (the ring is
 * many-to-one) and allocates nothing; control records from one thread only, since their bodies
 * go through a single-producer queue ({@link ControlBodies}). It never waits: a full ring refuses.
 */
public final class ForkWriter {
    private final RingBuffer ring;
    private final ControlBodies bodies;
    private final int maxPayloadLength;
    // striped: every media thread counts every packet, and one shared cache line would bounce
    private final LongAdder audioDropped = new LongAdder();
    private final LongAdder audioForked = new LongAdder();

    public ForkWriter(RingBuffer ring) {
        this(ring, new ControlBodies());
    }

    public ForkWriter(RingBuffer ring, ControlBodies bodies) {
        this.ring = ring;
        this.bodies = bodies;
        this.maxPayloadLength = Math.min(MAX_PAYLOAD_LENGTH, ring.maxMsgLength() - AUDIO_HEADER_LENGTH);
    }

    /** A many-to-one ring of {@code capacity} bytes (a power of two) in direct memory. */
    public static ManyToOneRingBuffer newRing(int capacity) {
        ByteBuffer memory = BufferUtil.allocateDirectAligned(
                capacity + RingBufferDescriptor.TRAILER_LENGTH, 64);
        return new ManyToOneRingBuffer(new UnsafeBuffer(memory));
    }

    public RingBuffer ring() {
        return ring;
    }

    /** Where the recorder takes the bodies of the control records it reads from {@link #ring()}. */
    public ControlBodies controlBodies() {
        return bodies;
    }

    /**
     * Copies one RTP packet's payload and header fields into the ring. Never blocks: when the
     * recorder falls behind and the ring is full, the packet is dropped and counted; the relay is
     * unaffected.
     *
     * @return true if the packet was forked
     */
    public boolean offerAudio(long sessionKey, int channel, long arrivalNanos,
                              int rtpTimestamp, int ssrc, int sequence, int payloadType, boolean marker,
                              DirectBuffer payload, int offset, int length) {
        if (length > maxPayloadLength) {
            audioDropped.increment();
            return false;
        }
        int index = ring.tryClaim(AUDIO_MSG_TYPE_ID, AUDIO_HEADER_LENGTH + length);
        if (index <= 0) {
            audioDropped.increment();
            return false;
        }
        MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + SESSION_KEY_OFFSET, sessionKey);
        buffer.putLong(index + NANOS_OFFSET, arrivalNanos);
        buffer.putInt(index + CHANNEL_OFFSET, channel);
        buffer.putInt(index + PAYLOAD_LENGTH_OFFSET, length);
        buffer.putInt(index + RTP_TIMESTAMP_OFFSET, rtpTimestamp);
        buffer.putInt(index + SSRC_OFFSET, ssrc);
        buffer.putShort(index + SEQUENCE_OFFSET, (short) sequence);
        buffer.putByte(index + PAYLOAD_TYPE_OFFSET, (byte) payloadType);
        buffer.putByte(index + FLAGS_OFFSET, (byte) (marker ? FLAG_MARKER : 0));
        buffer.putBytes(index + AUDIO_HEADER_LENGTH, payload, offset, length);
        ring.commit(index);
        audioForked.increment();
        return true;
    }

    /**
     * Writes a control record if the ring has room for it now; never waits. A record that must
     * not be lost goes through a {@link ForkControlQueue}, which retries it in order. Its body
     * goes by reference ({@link ControlBodies}): one thread only.
     *
     * @param body an immutable {@link RecordingStart}, {@link StateChange}, {@link RecordingEnd}
     *             or {@link RecordingLink}, as {@code msgTypeId} says
     * @return false if the ring (or the bodies' queue) is full
     */
    public boolean writeControl(int msgTypeId, long sessionKey, long atNanos, int state, Object body) {
        int index = ring.tryClaim(msgTypeId, CONTROL_HEADER_LENGTH);
        if (index <= 0) {
            return false;
        }
        long number = bodies.offer(body);
        if (number < 0) {
            ring.abort(index);
            return false;
        }
        MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + SESSION_KEY_OFFSET, sessionKey);
        buffer.putLong(index + NANOS_OFFSET, atNanos);
        buffer.putInt(index + STATE_OFFSET, state);
        buffer.putLong(index + BODY_NUMBER_OFFSET, number);
        ring.commit(index);
        return true;
    }

    public long audioForked() {
        return audioForked.sum();
    }

    public long audioDropped() {
        return audioDropped.sum();
    }

    /** Bytes of records in the ring not yet read by the recorder. */
    public int ringFill() {
        return ring.size();
    }

    public int ringCapacity() {
        return ring.capacity();
    }
}
