package io.sotto.catalog;

import java.util.List;

/**
 * One page of the settings audit, newest first.
 *
 * @param next the id to pass as the cursor of the next page, or null on the last
 */
public record SettingsAuditPage(List<SettingsAuditEntry> items, long total, String next) {
    public SettingsAuditPage {
        items = List.copyOf(items);
    }
}
