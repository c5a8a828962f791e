package io.sotto.catalog;

import java.util.List;

/**
 * One page of a search.
 *
 * @param total how many recordings match the search, on every page
 * @param next  where the next page starts, or null on the last page
 */
public record RecordingPage(List<CatalogEntry> items, long total, PageCursor next) {
}
