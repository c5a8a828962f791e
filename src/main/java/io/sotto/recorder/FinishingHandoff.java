package io.sotto.recorder;

/** How a recording session hands a task to the finishing stage; never blocks the recorder thread. */
@FunctionalInterface
interface FinishingHandoff {
    void handOver(FinishingTask task);
}
