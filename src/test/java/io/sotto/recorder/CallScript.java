package io.sotto.recorder;

import java.util.PriorityQueue;

/**
 * What happens on a call, by arrival time: packets and control records are put into the ring in
 * that order while the clock moves in 5 ms ticks and the agent works after each tick.
 */
final class CallScript {
    static final long TICK_NANOS = 5 * RecorderFixture.MS;

    private final RecorderFixture fixture;
    private final long key;
    private final PriorityQueue<Entry> entries = new PriorityQueue<>();
    private long sequence;
    private long now = RecorderFixture.START_NANOS;

    private record Entry(long atNanos, long order, Runnable write) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    CallScript(RecorderFixture fixture, long key) {
        this.fixture = fixture;
        this.key = key;
    }

    /** Packet {@code k} of {@code leg}, arriving at {@code arrivalNanos}. */
    CallScript packet(RtpLeg leg, int k, long arrivalNanos, byte[] payload) {
        return at(arrivalNanos, () -> leg.send(fixture, key, k, arrivalNanos, payload));
    }

    /** Anything written into the ring at {@code atNanos}, after what arrived before. */
    CallScript at(long atNanos, Runnable write) {
        entries.add(new Entry(atNanos, sequence++, write));
        return this;
    }

    /** Moves time to {@code untilNanos} tick by tick, writing what is due and letting the agent work. */
    void runUntil(long untilNanos) {
        runUntil(untilNanos, () -> { });
    }

    /** As {@link #runUntil(long)}, calling {@code afterTick} after the agent's work in each tick. */
    void runUntil(long untilNanos, Runnable afterTick) {
        while (now < untilNanos) {
            now = Math.min(now + TICK_NANOS, untilNanos);
            fixture.clock(now);
            while (!entries.isEmpty() && entries.peek().atNanos() <= now) {
                entries.poll().write().run();
            }
            fixture.work();
            afterTick.run();
        }
    }
}
