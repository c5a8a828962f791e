package io.sotto.catalog;

import java.time.Instant;

/**
 * A search of the catalog, newest first. Null filters do not filter.
 *
 * @param from      startedAt at or after this
 * @param to        startedAt before this
 * @param agent     a user id among the recording's agents
 * @param number    the company number, the caller or the callee
 * @param direction inbound, outbound or internal
 * @param after     the cursor of the page before, or null for the first page
 */
public record RecordingQuery(VisibilityScope scope, Instant from, Instant to, String agent, String number,
                             String direction, int limit, PageCursor after) {
}
