package io.sotto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * The catalog database of one test's Sotto: the default embedded SQLite file under the recordings
 * directory, or a schema of its own in the PostgreSQL that {@value #POSTGRES_URL_ENV} names (a
 * JDBC URL; {@code .ci/run} starts one on loopback and sets it). Without the variable the
 * PostgreSQL tests are skipped, unless {@value #REQUIRE_ENV}{@code =1} (as in CI) makes that a
 * failure.
 */
final class TestCatalog implements AutoCloseable {
    static final String POSTGRES_URL_ENV = "SOTTO_TEST_POSTGRES_URL";
    static final String REQUIRE_ENV = "SOTTO_REQUIRE_POSTGRES";

    private final Path recordings;
    private final String postgresUrl;
    private final String schema;

    private TestCatalog(Path recordings, String postgresUrl, String schema) {
        this.recordings = recordings;
        this.postgresUrl = postgresUrl;
        this.schema = schema;
    }

    /** SQLite at {@code <dir>/recordings/catalog.db}, Sotto's default. */
    static TestCatalog sqlite(Path dir) {
        return new TestCatalog(dir.resolve("recordings"), null, null);
    }

    /** A fresh schema in the test PostgreSQL; skips (or fails in CI) when there is none. */
    static TestCatalog postgresql(Path dir) {
        String url = System.getenv(POSTGRES_URL_ENV);
        if (url == null || url.isBlank()) {
            String why = POSTGRES_URL_ENV + " is not set, so the catalog is not tested on PostgreSQL; set it to a"
                    + " JDBC URL of a database the tests may create schemas in (.ci/run starts one)";
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                Assertions.fail(REQUIRE_ENV + "=1 but " + why);
            }
            Assumptions.abort(why);
        }
        TestCatalog catalog = new TestCatalog(dir.resolve("recordings"), url,
                "sotto_test_" + UlidCreator.getUlid().toString().toLowerCase(Locale.ROOT));
        catalog.postgres("CREATE SCHEMA " + catalog.schema);
        return catalog;
    }

    /** The {@code --set}s that point Sotto at this database. */
    List<String> sets() {
        if (postgresUrl == null) {
            return List.of();
        }
        String url = postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return List.of("catalog.database=postgresql", "catalog.url=" + url);
    }

    /** Loses the whole database, as a disk failure or an operator would; Sotto must be stopped. */
    void lose() {
        if (postgresUrl == null) {
            try {
                for (String file : List.of("catalog.db", "catalog.db-wal", "catalog.db-shm")) {
                    Files.deleteIfExists(recordings.resolve(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        postgres("DROP SCHEMA " + schema + " CASCADE");
        postgres("CREATE SCHEMA " + schema);
    }

    boolean exists() {
        return postgresUrl != null || Files.exists(recordings.resolve("catalog.db"));
    }

    @Override
    public void close() {
        if (postgresUrl != null) {
            postgres("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void postgres(String sql) {
        try (Connection connection = DriverManager.getConnection(postgresUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + POSTGRES_URL_ENV + ": " + e.getMessage(), e);
        }
    }
}
