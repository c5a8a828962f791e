package io.sotto.testkit.phone;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Paces a call's outgoing RTP: a scheduled thread ticks every 20 ms and each tick is one packet
 * slot, filled by the next queued item (an audio frame, a DTMF event packet, a gap) or, with
 * nothing queued, by silence or nothing. Methods queue in call order and return at once; use
 * {@link #awaitIdle} to wait until everything queued has gone out.
 *
 * <p>RTP timestamps follow the slot clock, so gaps and lost packets keep later packets in time
 * (RFC 3550 section 5.1). The marker bit starts the stream, each talkspurt after a gap (RFC 3551
 * section 4.1) and each DTMF event (RFC 4733 section 2.5.1.3). Audio is encoded with the
 * negotiated G.711 law at send time, so a codec change by re-INVITE applies to later packets.
 */
public final class RtpSender {
    public static final Duration PACKET_TIME = Duration.ofMillis(20);
    public static final int SAMPLES_PER_PACKET = 160;
    public static final int DEFAULT_AMPLITUDE = 8000;
    public static final int CLICK_AMPLITUDE = 30000;
    public static final int DEFAULT_DTMF_END_PACKETS = 3;
    private static final long PACKET_NANOS = PACKET_TIME.toNanos();
    private static final int DTMF_VOLUME = 10;
    private static final int MAX_CONTROL_ITEMS_PER_SLOT = 10_000;
    private static final short[] SILENCE = new short[SAMPLES_PER_PACKET];

    private sealed interface Item permits Audio, DtmfPacket, Gap, Idle, Skip, Stall, NewSsrc {
    }

    private record Audio(short[] pcm) implements Item {
    }

    private record DtmfPacket(int event, int duration, boolean first, boolean end) implements Item {
    }

    /** A slot with nothing on the wire, as silence suppression leaves it. */
    private record Gap() implements Item {
    }

    /** A slot filled as an empty queue would fill it (silence or nothing). */
    private record Idle() implements Item {
    }

    private record Skip(int packets) implements Item {
    }

    private record Stall(int packets) implements Item {
    }

    private record NewSsrc() implements Item {
    }

    private record Click(Instant at, CompletableFuture<SentPacket> sent) {
    }

    private final DatagramSocket socket;
    private final String threadName;
    private final Waiter waiter = new Waiter();
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Click> clicks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final List<SentPacket> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private volatile MediaTarget target;
    private volatile boolean silenceWhenIdle;
    private volatile boolean stopped;
    private volatile long ssrc = randomUint32();
    private ScheduledExecutorService pacer;
    private long epochNanos;
    private Instant epoch;

    // Owned by the pacing thread.
    private long slot;
    private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
    private long timestampBase = randomUint32();
    private long ssrcFirstSlot;
    private boolean talkspurtStart = true;
    private int skipping;
    private int stalling;
    private final List<DatagramPacket> held = new ArrayList<>();
    private long eventTimestamp;

    RtpSender(DatagramSocket socket, String threadName) {
        this.socket = socket;
        this.threadName = threadName;
    }

    /** Queues a sine tone of {@code amplitude} (linear 16-bit peak), continuous in phase. */
    public RtpSender sendTone(double freqHz, Duration duration, int amplitude) {
        int frames = frames(duration);
        List<Item> items = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            short[] pcm = new short[SAMPLES_PER_PACKET];
            for (int i = 0; i < SAMPLES_PER_PACKET; i++) {
                int n = f * SAMPLES_PER_PACKET + i;
                pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * freqHz * n / ToneDetector.SAMPLE_RATE));
            }
            items.add(new Audio(pcm));
        }
        return enqueueAudio(items);
    }

    public RtpSender sendTone(double freqHz, Duration duration) {
        return sendTone(freqHz, duration, DEFAULT_AMPLITUDE);
    }

    /** Queues 8 kHz linear samples, cut into 20 ms packets; the last one is padded with silence. */
    public RtpSender sendSamples(short[] pcm) {
        List<Item> items = new ArrayList<>();
        for (int from = 0; from < pcm.length; from += SAMPLES_PER_PACKET) {
            short[] frame = new short[SAMPLES_PER_PACKET];
            System.arraycopy(pcm, from, frame, 0, Math.min(SAMPLES_PER_PACKET, pcm.length - from));
            items.add(new Audio(frame));
        }
        return enqueueAudio(items);
    }

    public RtpSender sendSilence(Duration duration) {
        return enqueueAudio(repeat(new Audio(SILENCE), frames(duration)));
    }

    /** Queues a silence-suppression gap: no packets, timestamps run on, the next talkspurt is marked. */
    public RtpSender silenceGap(Duration duration) {
        return enqueue(repeat(new Gap(), frames(duration)));
    }

    /** The next {@code count} packets are built (sequence numbers used) but not sent: deliberate loss. */
    public RtpSender skipPackets(int count) {
        return enqueue(List.of(new Skip(count)));
    }

    /**
     * The next {@code duration} of packets is built on time (sequence numbers and timestamps as if
     * sent) but held back, then sent at once, back to back, at the start of the slot after the last:
     * a sender that stalls and then bursts (a congested SBC, Wi-Fi, an overloaded SIPp).
     */
    public RtpSender stall(Duration duration) {
        return enqueue(List.of(new Stall(frames(duration))));
    }

    /** Later packets use a new random SSRC, sequence number and timestamp base (RFC 3550 section 8.2). */
    public RtpSender changeSsrc() {
        return enqueue(List.of(new NewSsrc()));
    }

    public RtpSender sendDtmf(char digit, Duration duration) {
        return sendDtmf(digit, duration, DEFAULT_DTMF_END_PACKETS);
    }

    /**
     * Queues one RFC 4733 event: packets every 20 ms with the event's timestamp and a growing
     * duration, the first marked, then {@code endPackets} packets with the end bit and the full
     * duration (section 2.5.1.4 asks for three).
     */
    public RtpSender sendDtmf(char digit, Duration duration, int endPackets) {
        if (endPackets < 1) {
            throw new IllegalArgumentException("an event needs at least one end packet");
        }
        MediaTarget current = requireTarget();
        if (current.telephoneEventPayloadType() < 0) {
            throw new IllegalStateException("telephone-event was not negotiated on this call");
        }
        int event = DtmfEventDescriptor.code(digit);
        int frames = frames(duration);
        int total = frames * SAMPLES_PER_PACKET;
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < frames - 1; i++) {
            items.add(new DtmfPacket(event, (i + 1) * SAMPLES_PER_PACKET, i == 0, false));
        }
        for (int i = 0; i < endPackets; i++) {
            items.add(new DtmfPacket(event, total, frames == 1 && i == 0, true));
        }
        return enqueue(items);
    }

    /** Queues each digit as an event of {@code each}, with {@code pause} of idle slots after it. */
    public RtpSender sendDtmfDigits(String digits, Duration each, Duration pause) {
        for (char digit : digits.toCharArray()) {
            sendDtmf(digit, each);
            enqueue(repeat(new Idle(), frames(pause)));
        }
        return this;
    }

    /**
     * Sends a click (one sample at {@link #CLICK_AMPLITUDE} at the start of a packet) in the first
     * slot that starts at or after {@code at}, mixed into whatever audio that slot carries.
     * Completes with the packet that carried it.
     */
    public CompletableFuture<SentPacket> sendClickAt(Instant at) {
        requireAudio();
        CompletableFuture<SentPacket> result = new CompletableFuture<>();
        pending.incrementAndGet();
        clicks.add(new Click(at, result));
        ensureStarted();
        return result;
    }

    /** With {@code on}, an empty queue sends silence packets, as a phone without silence suppression. */
    public RtpSender silenceWhenIdle(boolean on) {
        silenceWhenIdle = on;
        if (on) {
            requireAudio();
            ensureStarted();
        }
        return this;
    }

    public void awaitIdle(Duration timeout) {
        waiter.await(() -> pending.get() == 0 ? Boolean.TRUE : null, timeout,
                () -> pending.get() + " queued items not sent yet; " + sent.size() + " packets sent so far");
    }

    public List<SentPacket> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public long ssrc() {
        return ssrc;
    }

    /** Failures of the pacing thread (socket errors); empty in a healthy run. */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    void retarget(MediaTarget newTarget) {
        target = newTarget;
    }

    void stop() {
        stopped = true;
        ScheduledExecutorService running;
        synchronized (this) {
            running = pacer;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                if (!running.awaitTermination(1, TimeUnit.SECONDS)) {
                    errors.add(new IllegalStateException(threadName + " did not stop within 1 s"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.clear();
        for (Click click = clicks.poll(); click != null; click = clicks.poll()) {
            click.sent().completeExceptionally(new IllegalStateException("RTP sender stopped before the click at " + click.at()));
        }
        pending.set(0);
        waiter.changed();
    }

    private RtpSender enqueueAudio(List<Item> items) {
        requireAudio();
        return enqueue(items);
    }

    private RtpSender enqueue(List<Item> items) {
        if (stopped) {
            throw new IllegalStateException("RTP sender is stopped (call ended or phone closed)");
        }
        pending.addAndGet(items.size());
        queue.addAll(items);
        ensureStarted();
        return this;
    }

    private MediaTarget requireTarget() {
        MediaTarget current = target;
        if (current == null) {
            throw new IllegalStateException("no remote RTP address yet: the call has no SDP answer");
        }
        return current;
    }

    private void requireAudio() {
        if (requireTarget().audioPayloadType() < 0) {
            throw new IllegalStateException("no G.711 codec was negotiated on this call");
        }
    }

    private synchronized void ensureStarted() {
        if (pacer != null || stopped) {
            return;
        }
        epochNanos = System.nanoTime();
        epoch = Instant.now();
        pacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        pacer.scheduleAtFixedRate(this::tick, 0, PACKET_NANOS, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            if (stalling == 0 && !held.isEmpty()) {
                sendHeld();
            }
            long k = slot++;
            Item item = takeSlotItem(k);
            if (item instanceof DtmfPacket packet) {
                sendDtmfPacket(k, packet);
            } else if (item instanceof Audio audio) {
                Click click = dueClick(k);
                sendAudio(k, click == null ? audio.pcm() : withClick(audio.pcm()), click);
            } else {
                Click click = dueClick(k);
                if (click != null) {
                    sendAudio(k, withClick(SILENCE), click);
                } else if (!(item instanceof Gap) && silenceWhenIdle) {
                    sendAudio(k, SILENCE, null);
                } else {
                    talkspurtStart = true;
                }
            }
            if (item != null) {
                pending.decrementAndGet();
            }
            waiter.changed();
        } catch (RuntimeException e) {
            // An exception escaping a periodic task cancels it; keep pacing and report instead.
            errors.add(e);
        }
    }

    private Item takeSlotItem(long k) {
        for (int i = 0; i < MAX_CONTROL_ITEMS_PER_SLOT; i++) {
            Item item = queue.poll();
            if (item instanceof Skip skip) {
                skipping += skip.packets();
            } else if (item instanceof Stall stall) {
                stalling += stall.packets();
            } else if (item instanceof NewSsrc) {
                startNewSsrc(k);
            } else {
                return item;
            }
            pending.decrementAndGet();
        }
        return null;
    }

    private void startNewSsrc(long k) {
        long previous = ssrc;
        long next = randomUint32();
        ssrc = next == previous ? next ^ 1 : next;
        sequence = ThreadLocalRandom.current().nextInt(0x10000);
        timestampBase = randomUint32();
        ssrcFirstSlot = k;
        talkspurtStart = true;
    }

    private Click dueClick(long k) {
        Instant slotStart = epoch.plusNanos(k * PACKET_NANOS);
        for (Click click : clicks) {
            if (!click.at().isAfter(slotStart) && clicks.remove(click)) {
                return click;
            }
        }
        return null;
    }

    private static short[] withClick(short[] pcm) {
        short[] copy = pcm.clone();
        copy[0] = (short) CLICK_AMPLITUDE;
        return copy;
    }

    private void sendAudio(long k, short[] pcm, Click click) {
        MediaTarget current = target;
        int payloadType = current == null ? -1 : current.audioPayloadType();
        byte[] payload = G711.isG711(payloadType) ? G711.encode(pcm, payloadType) : null;
        SentPacket packet = send(current, payloadType, talkspurtStart, timestampAt(k), payload);
        talkspurtStart = false;
        if (click != null) {
            click.sent().complete(packet);
            pending.decrementAndGet();
        }
    }

    private void sendDtmfPacket(long k, DtmfPacket event) {
        if (event.first()) {
            eventTimestamp = timestampAt(k);
        }
        MediaTarget current = target;
        int payloadType = current == null ? -1 : current.telephoneEventPayloadType();
        byte[] payload = DtmfEventDescriptor.encode(event.event(), event.end(), DTMF_VOLUME, event.duration());
        send(current, payloadType, event.first(), eventTimestamp, payloadType < 0 ? null : payload);
        talkspurtStart = false;
    }

    private SentPacket send(MediaTarget current, int payloadType, boolean marker, long timestamp, byte[] payload) {
        int seq = sequence;
        sequence = (sequence + 1) & 0xFFFF;
        boolean drop = skipping > 0 || payload == null;
        if (skipping > 0) {
            skipping--;
        }
        if (!drop) {
            byte[] packet = new RtpPacketBuilder().payloadType(payloadType).marker(marker).sequence(seq)
                    .timestamp(timestamp).ssrc(ssrc).payload(payload).build();
            DatagramPacket datagram = new DatagramPacket(packet, packet.length, current.destination());
            if (stalling > 0) {
                stalling--;
                held.add(datagram);
            } else {
                sendHeld();
                transmit(datagram);
            }
        }
        SentPacket record = new SentPacket(payloadType, marker, seq, timestamp, ssrc, drop, Instant.now(), System.nanoTime());
        sent.add(record);
        return record;
    }

    private void sendHeld() {
        for (DatagramPacket datagram : held) {
            transmit(datagram);
        }
        held.clear();
    }

    private void transmit(DatagramPacket datagram) {
        try {
            socket.send(datagram);
        } catch (IOException e) {
            errors.add(e);
        }
    }

    private long timestampAt(long k) {
        return (timestampBase + (k - ssrcFirstSlot) * SAMPLES_PER_PACKET) & 0xFFFF_FFFFL;
    }

    private static int frames(Duration duration) {
        return (int) Math.max(1, (duration.toNanos() + PACKET_NANOS / 2) / PACKET_NANOS);
    }

    private static List<Item> repeat(Item item, int count) {
        return Collections.nCopies(count, item);
    }

    private static long randomUint32() {
        return ThreadLocalRandom.current().nextLong(0x1_0000_0000L);
    }
}
