package io.sotto.media;

import static io.sotto.media.SessionCounters.FORKED;
import static io.sotto.media.SessionCounters.FORK_DROPPED;

import io.netty.buffer.ByteBuf;

import org.agrona.concurrent.UnsafeBuffer;

import io.sotto.fork.ForkDescriptor;
import io.sotto.fork.ForkWriter;
import io.sotto.media.rtp.RtpDescriptor;

/**
 * Offers the payload of RTP packets received on one port to the fork ring, with the header fields
 * the recorder needs. One per handler, on one event loop: its view and scratch array are reused
 * for every packet, so forking allocates nothing.
 */
final class AudioForker {
    private final ForkWriter fork;
    private final int channel;
    /** What fits one ring record: the ring refuses messages over an eighth of its capacity. */
    private final int maxPayloadLength;
    private final byte[] scratch = new byte[ForkDescriptor.MAX_PAYLOAD_LENGTH];
    private final UnsafeBuffer view = new UnsafeBuffer(scratch);

    /** @param channel {@link ForkDescriptor#CHANNEL_CALLER} or {@link ForkDescriptor#CHANNEL_CALLEE} */
    AudioForker(ForkWriter fork, int channel) {
        this.fork = fork;
        this.channel = channel;
        this.maxPayloadLength = Math.min(ForkDescriptor.MAX_PAYLOAD_LENGTH,
                fork.ring().maxMsgLength() - ForkDescriptor.AUDIO_HEADER_LENGTH);
    }

    /**
     * Forks the valid RTP packet at {@code index} whose payload is {@code payloadLength} bytes,
     * which arrived at {@code arrivalNanos} ({@link System#nanoTime()}).
     *
     * @return {@link SessionCounters#FORKED} or {@link SessionCounters#FORK_DROPPED}
     */
    int offer(long sessionKey, ByteBuf packet, int index, int payloadLength, long arrivalNanos) {
        if (payloadLength > maxPayloadLength) {
            return FORK_DROPPED;
        }
        int payloadIndex = index + RtpDescriptor.payloadOffset(packet, index);
        if (packet.hasMemoryAddress()) {
            view.wrap(packet.memoryAddress() + payloadIndex, payloadLength);
        } else if (packet.hasArray()) {
            view.wrap(packet.array(), packet.arrayOffset() + payloadIndex, payloadLength);
        } else {
            packet.getBytes(payloadIndex, scratch, 0, payloadLength);
            view.wrap(scratch, 0, payloadLength);
        }
        boolean forked = fork.offerAudio(sessionKey, channel, arrivalNanos,
                RtpDescriptor.timestamp(packet, index), RtpDescriptor.ssrc(packet, index),
                RtpDescriptor.sequenceNumber(packet, index), RtpDescriptor.payloadType(packet, index),
                RtpDescriptor.marker(packet, index), view, 0, payloadLength);
        return forked ? FORKED : FORK_DROPPED;
    }
}
