package io.sotto.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sotto.config.SettingsDocument;
import io.sotto.config.SettingsScope;

/**
 * The SQL of the live settings and their audit, in plain JDBC over the catalog's connection. Only
 * the catalog's thread uses it. Portable between SQLite and PostgreSQL; every value is bound.
 */
final class SettingsStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;

    SettingsStore(Connection connection) {
        this.connection = connection;
    }

    /** Every stored document, by scope and key. */
    Map<SettingsScope, Map<String, ObjectNode>> all() throws SQLException {
        Map<SettingsScope, Map<String, ObjectNode>> stored = new EnumMap<>(SettingsScope.class);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT scope, setting_key, document FROM settings");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                SettingsScope scope = SettingsScope.of(rows.getString(1));
                stored.computeIfAbsent(scope, s -> new HashMap<>())
                        .put(rows.getString(2), object(rows.getString(3), rows.getString(1) + " " + rows.getString(2)));
            }
        }
        return stored;
    }

    /** Stores each document whose scope and key have none yet; the others keep what they hold. */
    void insertAbsent(List<SettingsDocument> documents) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO settings (scope, setting_key, document) VALUES (?, ?, ?)"
                        + " ON CONFLICT (scope, setting_key) DO NOTHING")) {
            for (SettingsDocument document : documents) {
                insert.setString(1, document.scope().label());
                insert.setString(2, document.key());
                insert.setString(3, document.document().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Stores the change's new document and its audit entry, both or neither. */
    void change(SettingsAuditEntry change) throws SQLException {
        CatalogStore.inTransaction(connection, () -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO settings (scope, setting_key, document) VALUES (?, ?, ?)"
                            + " ON CONFLICT (scope, setting_key) DO UPDATE SET document = excluded.document")) {
                upsert.setString(1, change.scope().label());
                upsert.setString(2, change.key());
                upsert.setString(3, change.after().toString());
                upsert.executeUpdate();
            }
            try (PreparedStatement audit = connection.prepareStatement(
                    "INSERT INTO settings_audit (change_id, at, who, scope, setting_key, before_doc, after_doc)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                audit.setString(1, change.id());
                audit.setLong(2, change.at().toEpochMilli());
                audit.setString(3, change.who());
                audit.setString(4, change.scope().label());
                audit.setString(5, change.key());
                audit.setString(6, change.before().toString());
                audit.setString(7, change.after().toString());
                audit.executeUpdate();
            }
        });
    }

    /** Up to {@code limit} changes older than {@code beforeId} (null: the newest), newest first. */
    SettingsAuditPage audit(String beforeId, int limit) throws SQLException {
        List<SettingsAuditEntry> items = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT change_id, at, who, scope, setting_key, before_doc, after_doc FROM settings_audit"
                        + (beforeId == null ? "" : " WHERE change_id < ?") + " ORDER BY change_id DESC LIMIT ?")) {
            int parameter = 1;
            if (beforeId != null) {
                select.setString(parameter++, beforeId);
            }
            select.setInt(parameter, limit + 1);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    items.add(new SettingsAuditEntry(id, Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                            SettingsScope.of(rows.getString(4)), rows.getString(5),
                            object(rows.getString(6), "audit " + id), object(rows.getString(7), "audit " + id)));
                }
            }
        }
        long total;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM settings_audit");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            total = rows.getLong(1);
        }
        String next = null;
        if (items.size() > limit) {
            items.remove(limit);
            next = items.get(limit - 1).id();
        }
        return new SettingsAuditPage(items, total, next);
    }

    private static ObjectNode object(String text, String what) throws SQLException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("the stored settings of " + what + " are not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new SQLException("the stored settings of " + what + " are not a JSON object");
        }
        return object;
    }
}
