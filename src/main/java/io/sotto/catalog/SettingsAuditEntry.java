package io.sotto.catalog;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sotto.config.SettingsScope;

/**
 * One change of the live settings: who made it, when, and the changed document's live keys before
 * and after.
 *
 * @param id  a ULID: audit entries sort by it, oldest first
 * @param key {@code company}, the number or the user id
 */
public record SettingsAuditEntry(String id, Instant at, String who, SettingsScope scope, String key,
                                 ObjectNode before, ObjectNode after) {
}
