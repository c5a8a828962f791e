package io.sotto.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog's SQL, in plain JDBC over one connection. Not thread-safe: only the catalog's
 * thread uses it. Every statement is portable between SQLite and PostgreSQL and every value is a
 * bound parameter.
 */
final class CatalogStore {
    private static final String COLUMNS = "r.recording_id, r.call_id, r.direction, r.caller, r.callee, r.number,"
            + " r.started_at, r.ended_at, r.duration_ms, r.end_reason, r.wav_path, r.json_path";

    private final Connection connection;

    CatalogStore(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** Work of several statements that must all be done, or none. */
    @FunctionalInterface
    interface Statements {
        void run() throws SQLException;
    }

    /** Runs {@code statements} in one transaction on {@code connection}: committed, or rolled back and rethrown. */
    static void inTransaction(Connection connection, Statements statements) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            statements.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Adds the recording, or replaces what is known of it: indexing twice changes nothing. */
    void upsert(CatalogEntry entry) throws SQLException {
        inTransaction(connection, () -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM recording_agents WHERE recording_id = ?")) {
                delete.setString(1, entry.recordingId());
                delete.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO recordings (recording_id, call_id, direction, caller, callee, number, started_at,"
                            + " ended_at, duration_ms, end_reason, wav_path, json_path)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (recording_id) DO UPDATE SET call_id = excluded.call_id,"
                            + " direction = excluded.direction, caller = excluded.caller, callee = excluded.callee,"
                            + " number = excluded.number, started_at = excluded.started_at,"
                            + " ended_at = excluded.ended_at, duration_ms = excluded.duration_ms,"
                            + " end_reason = excluded.end_reason, wav_path = excluded.wav_path,"
                            + " json_path = excluded.json_path")) {
                upsert.setString(1, entry.recordingId());
                upsert.setString(2, entry.callId());
                upsert.setString(3, entry.direction());
                upsert.setString(4, entry.caller());
                upsert.setString(5, entry.callee());
                upsert.setString(6, entry.number());
                upsert.setLong(7, entry.startedAt().toEpochMilli());
                if (entry.endedAt() == null) {
                    upsert.setNull(8, Types.BIGINT);
                } else {
                    upsert.setLong(8, entry.endedAt().toEpochMilli());
                }
                upsert.setLong(9, entry.durationMs());
                upsert.setString(10, entry.endReason());
                upsert.setString(11, entry.wavPath());
                upsert.setString(12, entry.jsonPath());
                upsert.executeUpdate();
            }
            try (PreparedStatement agent = connection.prepareStatement(
                    "INSERT INTO recording_agents (recording_id, user_id, position) VALUES (?, ?, ?)")) {
                int position = 0;
                for (String userId : new LinkedHashSet<>(entry.agents())) {
                    agent.setString(1, entry.recordingId());
                    agent.setString(2, userId);
                    agent.setInt(3, position++);
                    agent.addBatch();
                }
                agent.executeBatch();
            }
        });
    }

    Set<String> recordingIds() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT recording_id FROM recordings");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    Optional<CatalogEntry> find(String recordingId) throws SQLException {
        List<CatalogEntry> found = select("SELECT " + COLUMNS + " FROM recordings r WHERE r.recording_id = ?",
                List.of(recordingId));
        return found.stream().findFirst();
    }

    RecordingPage search(RecordingQuery query) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        scope(query.scope(), where, parameters);
        if (query.from() != null) {
            where.append(" AND r.started_at >= ?");
            parameters.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            where.append(" AND r.started_at < ?");
            parameters.add(query.to().toEpochMilli());
        }
        if (query.agent() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM recording_agents a WHERE a.recording_id = r.recording_id"
                    + " AND a.user_id = ?)");
            parameters.add(query.agent());
        }
        if (query.number() != null) {
            where.append(" AND (r.number = ? OR r.caller = ? OR r.callee = ?)");
            parameters.add(query.number());
            parameters.add(query.number());
            parameters.add(query.number());
        }
        if (query.direction() != null) {
            where.append(" AND r.direction = ?");
            parameters.add(query.direction());
        }
        long total;
        try (PreparedStatement count = prepare("SELECT COUNT(*) FROM recordings r" + where, parameters);
             ResultSet rows = count.executeQuery()) {
            rows.next();
            total = rows.getLong(1);
        }
        if (query.after() != null) {
            where.append(" AND (r.started_at < ? OR (r.started_at = ? AND r.recording_id < ?))");
            parameters.add(query.after().startedAtMs());
            parameters.add(query.after().startedAtMs());
            parameters.add(query.after().recordingId());
        }
        // one more than asked tells whether there is a next page
        parameters.add(query.limit() + 1);
        List<CatalogEntry> items = select("SELECT " + COLUMNS + " FROM recordings r" + where
                + " ORDER BY r.started_at DESC, r.recording_id DESC LIMIT ?", parameters);
        PageCursor next = null;
        if (items.size() > query.limit()) {
            items = items.subList(0, query.limit());
            CatalogEntry last = items.get(items.size() - 1);
            next = new PageCursor(last.startedAt().toEpochMilli(), last.recordingId());
        }
        return new RecordingPage(List.copyOf(items), total, next);
    }

    private static void scope(VisibilityScope scope, StringBuilder where, List<Object> parameters) {
        if (scope.everything()) {
            return;
        }
        where.append(" AND (1 = 0");
        if (!scope.agents().isEmpty()) {
            where.append(" OR EXISTS (SELECT 1 FROM recording_agents a WHERE a.recording_id = r.recording_id"
                    + " AND a.user_id IN (").append(placeholders(scope.agents(), parameters)).append("))");
        }
        if (!scope.missedNumbers().isEmpty()) {
            where.append(" OR (r.number IN (").append(placeholders(scope.missedNumbers(), parameters))
                    .append(") AND NOT EXISTS (SELECT 1 FROM recording_agents m WHERE m.recording_id = r.recording_id))");
        }
        if (!scope.numbers().isEmpty()) {
            where.append(" OR r.number IN (").append(placeholders(scope.numbers(), parameters)).append(")");
        }
        where.append(")");
    }

    private static String placeholders(Collection<String> values, List<Object> parameters) {
        parameters.addAll(values);
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }

    void logAccess(String accessId, AccessEntry access) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO recording_access (access_id, recording_id, user_id, action, byte_range, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, accessId);
            insert.setString(2, access.recordingId());
            insert.setString(3, access.userId());
            insert.setString(4, access.action());
            insert.setString(5, access.range());
            insert.setLong(6, access.at().toEpochMilli());
            insert.executeUpdate();
        }
    }

    /** The recording's plays and downloads, newest first. */
    List<AccessEntry> accessLog(String recordingId) throws SQLException {
        List<AccessEntry> log = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT recording_id, user_id, action, byte_range, at FROM recording_access"
                        + " WHERE recording_id = ? ORDER BY at DESC, access_id DESC")) {
            select.setString(1, recordingId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    log.add(new AccessEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), Instant.ofEpochMilli(rows.getLong(5))));
                }
            }
        }
        return log;
    }

    private List<CatalogEntry> select(String sql, List<?> parameters) throws SQLException {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement select = prepare(sql, parameters); ResultSet result = select.executeQuery()) {
            while (result.next()) {
                long endedAt = result.getLong(8);
                Instant ended = result.wasNull() ? null : Instant.ofEpochMilli(endedAt);
                rows.put(result.getString(1), new Row(result.getString(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getString(5), result.getString(6),
                        Instant.ofEpochMilli(result.getLong(7)), ended, result.getLong(9), result.getString(10),
                        result.getString(11), result.getString(12)));
            }
        }
        Map<String, List<String>> agents = agentsOf(rows.keySet());
        List<CatalogEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            entries.add(row.entry(agents.getOrDefault(row.recordingId, List.of())));
        }
        return entries;
    }

    private Map<String, List<String>> agentsOf(Collection<String> recordingIds) throws SQLException {
        Map<String, List<String>> agents = new LinkedHashMap<>();
        if (recordingIds.isEmpty()) {
            return agents;
        }
        List<Object> parameters = new ArrayList<>();
        String in = placeholders(List.copyOf(recordingIds), parameters);
        try (PreparedStatement select = prepare("SELECT recording_id, user_id FROM recording_agents"
                + " WHERE recording_id IN (" + in + ") ORDER BY recording_id, position", parameters);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                agents.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return agents;
    }

    private PreparedStatement prepare(String sql, List<?> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else if (value instanceof Integer number) {
                    statement.setInt(i + 1, number);
                } else {
                    statement.setString(i + 1, (String) value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private record Row(String recordingId, String callId, String direction, String caller, String callee,
                       String number, Instant startedAt, Instant endedAt, long durationMs, String endReason,
                       String wavPath, String jsonPath) {
        CatalogEntry entry(List<String> agents) {
            return new CatalogEntry(recordingId, callId, direction, caller, callee, number, agents, startedAt,
                    endedAt, durationMs, endReason, wavPath, jsonPath);
        }
    }
}
