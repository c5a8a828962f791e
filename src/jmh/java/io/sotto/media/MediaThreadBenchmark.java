package io.sotto.media;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.MessageHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import io.sotto.fork.ForkDescriptor;
import io.sotto.fork.ForkWriter;
import io.sotto.media.rtp.RtpDescriptor;

/**
 * What an event loop does to one received 20 ms G.711 packet besides the two syscalls: the RFC 3550
 * header checks, the RFC 4733 look, and the copy into the fork ring (tryClaim, copy, commit), with
 * the ring drained by the same thread so it never fills. Run with {@code -prof gc}: the
 * {@code gc.alloc.rate.norm} figure is the bytes allocated per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MediaThreadBenchmark {
    private static final int TELEPHONE_EVENT = 101;
    private static final long SESSION_KEY = 7;

    private final ForkWriter fork = new ForkWriter(ForkWriter.newRing(1 << 24));
    private final AudioForker forker = new AudioForker(fork, ForkDescriptor.CHANNEL_CALLER);
    private final TelephoneEventDetector detector = new TelephoneEventDetector(ForkDescriptor.CHANNEL_CALLER);
    private final DtmfListener digits = (side, digit, nanos) -> { };
    private final MessageHandler recorder = (msgTypeId, buffer, index, length) -> { };
    private ByteBuf packet;

    @Setup
    public void setUp() {
        byte[] bytes = RtpPackets.pcmu(1);
        packet = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    @TearDown
    public void tearDown() {
        packet.release();
    }

    /** Header checks only: the floor under everything the relay does with a packet. */
    @Benchmark
    public int validateHeader() {
        return RtpDescriptor.isRtcp(packet, 0, packet.readableBytes()) ? -1
                : RtpDescriptor.payloadLength(packet, 0, packet.readableBytes());
    }

    /** Header checks, the telephone-event look and the fork of one recorded packet. */
    @Benchmark
    public int inspectAndFork() {
        int length = packet.readableBytes();
        int payloadLength = RtpDescriptor.payloadLength(packet, 0, length);
        detector.inspect(packet, 0, payloadLength, TELEPHONE_EVENT, digits, 0);
        int outcome = forker.offer(SESSION_KEY, packet, 0, payloadLength, System.nanoTime());
        fork.ring().read(recorder, 1);
        return outcome;
    }
}
