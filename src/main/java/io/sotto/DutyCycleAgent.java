package io.sotto;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import io.sotto.metrics.CycleTimes;

/**
 * An agent measured: each {@code doWork()} of the agent it wraps that did some work is timed into
 * a {@link CycleTimes}, so {@code /metrics} shows how long the call conductor's and the
 * recorder's cycles run and the longest one (a cycle that runs long delays everything queued
 * behind it). Idle cycles are not recorded: they say nothing and would swamp the histogram. Two
 * clock reads per cycle, nothing allocated.
 */
final class DutyCycleAgent implements Agent {
    private final Agent agent;
    private final CycleTimes times;
    private final NanoClock clock;

    DutyCycleAgent(Agent agent, CycleTimes times, NanoClock clock) {
        this.agent = agent;
        this.times = times;
        this.clock = clock;
    }

    @Override
    public void onStart() {
        agent.onStart();
    }

    @Override
    public int doWork() throws Exception {
        long start = clock.nanoTime();
        int work = agent.doWork();
        if (work > 0) {
            long end = clock.nanoTime();
            times.record(end - start, end);
        }
        return work;
    }

    @Override
    public void onClose() {
        agent.onClose();
    }

    @Override
    public String roleName() {
        return agent.roleName();
    }
}
