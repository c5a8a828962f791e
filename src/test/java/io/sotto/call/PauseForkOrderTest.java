package io.sotto.call;

import static io.sotto.fork.ForkDescriptor.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.sotto.control.Actor;
import io.sotto.control.Decision;
import io.sotto.control.RecordingAction;
import io.sotto.control.Trigger;
import io.sotto.media.MediaSession;

/**
 * PCI with a recorder that has fallen behind: a pause the full ring cannot take at once waits in
 * the conductor's queue, and meanwhile no audio of the call enters the ring, so in the order the
 * recorder reads no audio after the pause comes before it. Real RTP through a real session; the
 * ring is a few kilobytes so it is full at once.
 */
class PauseForkOrderTest {
    private static final int RING_BYTES = 16 * 1024;
    private static final int FILLER_MSG_TYPE_ID = 99;

    private record Read(int type, long sessionKey, long nanos, int state) {
    }

    @Test
    void noAudioAfterAPauseThatWaitsForRoomReachesTheRingBeforeIt() throws Exception {
        try (ConductorFixture fixture = new ConductorFixture(RING_BYTES, 31400, 31499);
             DatagramSocket phone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            MediaSession session = fixture.openSession();
            session.setCallerRemote((InetSocketAddress) phone.getLocalSocketAddress());
            Call call = fixture.answeredCall(session);
            AtomicBoolean talking = new AtomicBoolean(true);
            Thread caller = new Thread(() -> talk(phone, session.callerFacingPort(), talking), "test-caller-rtp");
            caller.start();
            try {
                Decision started = fixture.control.act(call, RecordingAction.START, Actor.policy(), Trigger.POLICY,
                        null, System.nanoTime());
                assertThat(started).isInstanceOf(Decision.Allowed.class);
                long key = call.recording().sessionKey();
                assertThat(session.forking()).isTrue();
                awaitRingFull(fixture);
                topUp(fixture);

                long pausedAt = System.nanoTime();
                Decision paused = fixture.control.act(call, RecordingAction.PAUSE, Actor.policy(), Trigger.API,
                        "card number", pausedAt);

                assertThat(paused).isInstanceOf(Decision.Allowed.class);
                assertThat(fixture.recorder.waiting()).as("the pause waits for room").isEqualTo(1);
                assertThat(session.forking()).as("the fork is held back while the pause waits").isFalse();
                long forkedWhileHeldBack = fixture.fork.audioForked();
                awaitPacketsRelayed(fixture, 25);
                assertThat(fixture.fork.audioForked()).isEqualTo(forkedWhileHeldBack);

                List<Read> reads = new ArrayList<>(drain(fixture));
                fixture.cycle();
                assertThat(fixture.recorder.waiting()).isZero();
                assertThat(session.forking()).as("forking again once the pause is in the ring").isTrue();
                awaitForked(fixture, fixture.fork.audioForked() + 5);
                reads.addAll(drain(fixture));

                int pause = indexOfState(reads, key, STATE_PAUSED);
                assertThat(pause).as("the pause reached the ring").isNotNegative();
                assertThat(reads.subList(0, pause))
                        .as("audio of the call before the pause in ring order arrived before it")
                        .filteredOn(read -> read.type() == AUDIO_MSG_TYPE_ID && read.sessionKey() == key)
                        .allMatch(read -> read.nanos() <= pausedAt);
                assertThat(reads.subList(pause + 1, reads.size()))
                        .filteredOn(read -> read.type() == AUDIO_MSG_TYPE_ID && read.sessionKey() == key)
                        .isNotEmpty();
            } finally {
                talking.set(false);
                caller.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }

    private static void awaitRingFull(ConductorFixture fixture) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fixture.fork.audioDropped() == 0) {
            assertThat(System.nanoTime() - deadline).as("the ring fills within 5 s").isNegative();
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Fills what audio left of the ring with empty records: a control record is smaller than an
     * audio one, so it may still fit where audio no longer does.
     */
    private static void topUp(ConductorFixture fixture) {
        UnsafeBuffer nothing = new UnsafeBuffer(new byte[0]);
        for (int i = 0; i < RING_BYTES / 8 && fixture.ring.write(FILLER_MSG_TYPE_ID, nothing, 0, 0); i++) {
            // Each empty record takes the 8 bytes of a record header.
        }
    }

    private static void awaitPacketsRelayed(ConductorFixture fixture, long more) {
        long from = packetsIn(fixture);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (packetsIn(fixture) < from + more) {
            assertThat(System.nanoTime() - deadline).as("packets arrive within 5 s").isNegative();
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void awaitForked(ConductorFixture fixture, long count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fixture.fork.audioForked() < count) {
            assertThat(System.nanoTime() - deadline).as("audio is forked again within 5 s").isNegative();
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Packets the session took from the caller: relayed or (no callee yet) dropped for want of a destination. */
    private static long packetsIn(ConductorFixture fixture) {
        var counters = fixture.media.counters();
        return counters.relayed() + counters.droppedNoDestination();
    }

    private static int indexOfState(List<Read> reads, long key, int state) {
        for (int i = 0; i < reads.size(); i++) {
            Read read = reads.get(i);
            if (read.type() == STATE_MSG_TYPE_ID && read.sessionKey() == key && read.state() == state) {
                return i;
            }
        }
        return -1;
    }

    /** Reads the ring as the recorder would, in ring order. */
    private static List<Read> drain(ConductorFixture fixture) {
        List<Read> reads = new ArrayList<>();
        while (fixture.ring.size() > 0) {
            fixture.ring.read((type, buffer, index, length) -> reads.add(new Read(type,
                    buffer.getLong(index + SESSION_KEY_OFFSET), buffer.getLong(index + NANOS_OFFSET),
                    type == STATE_MSG_TYPE_ID ? buffer.getInt(index + STATE_OFFSET) : 0)), Integer.MAX_VALUE);
        }
        return reads;
    }

    /** G.711 RTP (RFC 3550, payload type 0) every millisecond, faster than real time so the ring fills at once. */
    private static void talk(DatagramSocket socket, int port, AtomicBoolean talking) {
        byte[] packet = new byte[12 + 160];
        ByteBuffer header = ByteBuffer.wrap(packet);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            InetAddress sotto = InetAddress.getByName("127.0.0.1");
            for (int sequence = 0; talking.get() && System.nanoTime() < deadline; sequence++) {
                header.put(0, (byte) 0x80).put(1, (byte) 0).putShort(2, (short) sequence)
                        .putInt(4, sequence * 160).putInt(8, 0x5EED);
                socket.send(new DatagramPacket(packet, packet.length, sotto, port));
                LockSupport.parkNanos(1_000_000);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
