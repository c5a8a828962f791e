package io.sotto.testkit.phone;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Stores every RTP packet that reaches a call's socket, from any source, with its arrival time,
 * so a test can check what this party heard: decoded audio, tones, DTMF events, SSRCs, timing.
 */
public final class RtpReceiver {
    private static final int MAX_DATAGRAM = 2048;

    private final DatagramSocket socket;
    private final Thread thread;
    private final IntSupplier telephoneEventPayloadType;
    private final Waiter waiter = new Waiter();
    private final List<RtpPacket> packets = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger malformed = new AtomicInteger();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    RtpReceiver(DatagramSocket socket, String threadName, IntSupplier telephoneEventPayloadType) {
        this.socket = socket;
        this.telephoneEventPayloadType = telephoneEventPayloadType;
        this.thread = new Thread(this::receiveUntilClosed, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits for the receiving thread, which ends when the socket is closed. */
    void join(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            errors.add(new IllegalStateException(thread.getName() + " still running " + timeout + " after close"));
        }
    }

    public List<RtpPacket> packets() {
        synchronized (packets) {
            return List.copyOf(packets);
        }
    }

    /** Packets that were not RTP (RFC 3550 section 5.1 checks) and were dropped. */
    public int malformed() {
        return malformed.get();
    }

    /** Forgets what was received so far, to look at a later part of the call on its own. */
    public void clear() {
        packets.clear();
    }

    public List<RtpPacket> awaitPackets(int count, Duration timeout) {
        return waiter.await(() -> packets.size() >= count ? packets() : null, timeout,
                () -> "expected " + count + " RTP packets on port " + socket.getLocalPort() + ", got " + packets.size());
    }

    /** G.711 packets in arrival order, each decoded with its own payload type, concatenated. */
    public short[] audio() {
        List<short[]> frames = new ArrayList<>();
        int total = 0;
        for (RtpPacket packet : packets()) {
            if (G711.isG711(packet.payloadType())) {
                short[] frame = G711.decode(packet.payload(), packet.payloadType());
                frames.add(frame);
                total += frame.length;
            }
        }
        short[] audio = new short[total];
        int at = 0;
        for (short[] frame : frames) {
            System.arraycopy(frame, 0, audio, at, frame.length);
            at += frame.length;
        }
        return audio;
    }

    /** Waits until the audio heard so far carries a tone at {@code freqHz}; returns that audio. */
    public short[] awaitTone(double freqHz, Duration timeout) {
        return waiter.await(() -> {
            short[] audio = audio();
            return ToneDetector.hasTone(audio, freqHz) ? audio : null;
        }, timeout, () -> "no " + freqHz + " Hz tone in " + audio().length + " samples heard on port "
                + socket.getLocalPort() + " (energy share " + ToneDetector.energyShare(audio(), freqHz) + ")");
    }

    /** RFC 4733 events on the negotiated telephone-event payload type, in order of first packet. */
    public List<DtmfEvent> dtmfEvents() {
        int payloadType = telephoneEventPayloadType.getAsInt();
        return payloadType < 0 ? List.of() : DtmfEvents.collect(packets(), payloadType);
    }

    /** Digits of the events that ended (an end packet arrived), each counted once. */
    public String dtmfDigits() {
        StringBuilder digits = new StringBuilder();
        for (DtmfEvent event : dtmfEvents()) {
            if (event.ended()) {
                digits.append(event.digit());
            }
        }
        return digits.toString();
    }

    public String awaitDtmfDigits(String expected, Duration timeout) {
        return waiter.await(() -> dtmfDigits().equals(expected) ? expected : null, timeout,
                () -> "expected DTMF digits '" + expected + "', heard '" + dtmfDigits() + "' in " + dtmfEvents());
    }

    public Set<Long> ssrcs() {
        Set<Long> ssrcs = new LinkedHashSet<>();
        for (RtpPacket packet : packets()) {
            ssrcs.add(packet.ssrc());
        }
        return ssrcs;
    }

    /** Failures of the receiving thread other than the socket closing; empty in a healthy run. */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    private void receiveUntilClosed() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                datagram.setLength(buffer.length);
                socket.receive(datagram);
                RtpPacket packet = RtpPacket.parse(buffer, datagram.getLength(),
                        (InetSocketAddress) datagram.getSocketAddress(), Instant.now(), System.nanoTime());
                if (packet == null) {
                    malformed.incrementAndGet();
                } else {
                    packets.add(packet);
                }
                waiter.changed();
            } catch (SocketException e) {
                if (!socket.isClosed()) {
                    errors.add(e);
                }
            } catch (IOException e) {
                errors.add(e);
            }
        }
    }
}
