package io.sotto.call;

import java.time.Instant;

/**
 * A paused recording will resume by itself at {@code resumesAt} ({@code company.max_pause}), sent
 * shortly before (10 s, or half the limit when that is shorter): no change of state yet, a warning.
 */
public record PauseExpiring(CallView call, Instant resumesAt) {
}
