package io.sotto.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;

import io.sotto.config.CatalogConfig;
import io.sotto.config.CatalogDatabase;
import io.sotto.recorder.RecordingListener;
import io.sotto.recorder.RecordingMetadata;

/**
 * The index of finished recordings in SQLite or PostgreSQL, and the log of who played or downloaded
 * them (README, "HTTP"; docs/configuration.md, "catalog").
 *
 * <p><b>Thread.</b> One thread ({@code sotto-catalog}) owns the database connection and does all
 * of the catalog's database and file work, in the order it was asked for: the recorder agent hands
 * it each finished recording without waiting, and the HTTP edge gets a future. At start it adds
 * every recording on disk it lacks, before any request queued behind it, so a lost database is
 * rebuilt from the JSON files, which stay the source of truth. A failed statement drops the
 * connection and the next task opens a new one, so a database restart costs one failed request.
 */
public final class Catalog implements RecordingListener, AutoCloseable {
    /** Requests waiting for the catalog thread beyond this many are refused at once (503 at the edge). */
    static final int MAX_PENDING_REQUESTS = 1024;
    static final String SQLITE_FILE = "catalog.db";
    private static final long OPEN_TIMEOUT_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final CatalogConfig config;
    private final String url;
    private final RecordingFiles files;
    private final ExecutorService thread;
    private final AtomicInteger pending = new AtomicInteger();
    private CatalogStore store;

    private Catalog(CatalogConfig config, String url, RecordingFiles files) {
        this.config = config;
        this.url = url;
        this.files = files;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread named = new Thread(task, "sotto-catalog");
            named.setDaemon(true);
            return named;
        });
    }

    /**
     * Migrates the schema and connects; {@link #addRecordingsOnDisk} then adds what the index lacks.
     *
     * @throws IllegalStateException naming {@code catalog.database} and the cause if the database
     *                               cannot be reached or migrated
     */
    public static Catalog open(CatalogConfig config, Path recordingDir) {
        String url = config.url() != null ? config.url()
                : "jdbc:sqlite:" + recordingDir.toAbsolutePath().normalize().resolve(SQLITE_FILE);
        Catalog catalog = new Catalog(config, url, new RecordingFiles(recordingDir));
        try {
            catalog.thread.submit(() -> {
                catalog.migrate();
                catalog.store();
                return null;
            }).get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            catalog.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot open the recordings catalog (catalog.database "
                    + config.database().name().toLowerCase() + " at " + redacted(url) + "): " + cause, cause);
        }
        return catalog;
    }

    /**
     * Starts adding what is on disk but not indexed; requests asked for after this wait for it. Called
     * once at start, after what must not wait for a scan of the whole recordings directory (the live
     * settings).
     */
    public void addRecordingsOnDisk() {
        thread.execute(this::rebuild);
    }

    /** Hands a finished recording to the catalog thread; returns at once. */
    @Override
    public void onFinished(RecordingMetadata metadata, Path wav, Path json) {
        try {
            thread.execute(() -> {
                try {
                    store().upsert(entryOf(metadata, wav, json));
                } catch (SQLException | RuntimeException e) {
                    dropConnection();
                    LOG.error("Cannot index recording {} in the catalog: {}; it is added at the next start",
                            metadata.recordingId(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Catalog closed: recording {} is indexed at the next start", metadata.recordingId());
        }
    }

    /** A page of the recordings the query's scope may see, newest first. */
    public CompletableFuture<RecordingPage> search(RecordingQuery query) {
        return request(store -> store.search(query));
    }

    public CompletableFuture<Optional<CatalogEntry>> find(String recordingId) {
        return request(store -> store.find(recordingId));
    }

    /** The recording's JSON as it is on disk, or empty if the file is gone. */
    public CompletableFuture<Optional<byte[]>> metadataJson(CatalogEntry entry) {
        return request(store -> {
            Optional<Path> json = files.resolve(entry.jsonPath());
            return json.isEmpty() ? Optional.empty() : Optional.of(Files.readAllBytes(json.get()));
        });
    }

    /** The recording's WAV, checked to lie inside {@code recording.dir}, or empty if it is gone. */
    public CompletableFuture<Optional<AudioFile>> audioFile(CatalogEntry entry) {
        return request(store -> {
            Optional<Path> wav = files.resolve(entry.wavPath());
            return wav.isEmpty() ? Optional.empty() : Optional.of(new AudioFile(wav.get(), Files.size(wav.get())));
        });
    }

    /** Writes one play or download to the access log. */
    public CompletableFuture<Void> logAccess(AccessEntry access) {
        return request(store -> {
            store.logAccess(UlidCreator.getMonotonicUlid().toString(), access);
            return null;
        });
    }

    public CompletableFuture<List<AccessEntry>> accessLog(String recordingId) {
        return request(store -> store.accessLog(recordingId));
    }

    /** A WAV to serve and its length in bytes. */
    public record AudioFile(Path path, long length) {
    }

    @FunctionalInterface
    interface Task<T> {
        T run(CatalogStore store) throws SQLException, IOException;
    }

    /** Runs {@code task} on the catalog thread, after what was asked before it. */
    <T> CompletableFuture<T> request(Task<T> task) {
        if (pending.incrementAndGet() > MAX_PENDING_REQUESTS) {
            pending.decrementAndGet();
            return CompletableFuture.failedFuture(new RejectedExecutionException("the catalog has too many requests waiting"));
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                pending.decrementAndGet();
                try {
                    answer.complete(task.run(store()));
                } catch (SQLException e) {
                    dropConnection();
                    answer.completeExceptionally(e);
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private void migrate() {
        try {
            Flyway.configure()
                    .dataSource(url, config.user(), config.password())
                    .locations("classpath:db/catalog")
                    .table("catalog_schema_history")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("schema migration failed: " + e.getMessage(), e);
        }
    }

    private CatalogStore store() throws SQLException {
        if (store == null) {
            Properties properties = new Properties();
            if (config.user() != null) {
                properties.setProperty("user", config.user());
            }
            if (config.password() != null) {
                properties.setProperty("password", config.password());
            }
            Connection connection = DriverManager.getConnection(url, properties);
            if (config.database() == CatalogDatabase.SQLITE) {
                try (Statement pragma = connection.createStatement()) {
                    // readers never wait for the writer; the index can be rebuilt, so NORMAL sync is enough
                    pragma.execute("PRAGMA journal_mode=WAL");
                    pragma.execute("PRAGMA synchronous=NORMAL");
                    pragma.execute("PRAGMA busy_timeout=5000");
                }
            }
            store = new CatalogStore(connection);
        }
        return store;
    }

    private void dropConnection() {
        if (store != null) {
            try {
                store.connection().close();
            } catch (SQLException e) {
                LOG.debug("Closing the failed catalog connection: {}", e.toString());
            }
            store = null;
        }
    }

    /** Adds every finished recording on disk that the index lacks. */
    private void rebuild() {
        int added = 0;
        try {
            Set<String> known = store().recordingIds();
            for (Path json : CatalogScan.metadataFiles(files)) {
                if (known.contains(CatalogScan.recordingIdOf(json))) {
                    continue;
                }
                try {
                    RecordingMetadata metadata = JSON.readValue(json.toFile(), RecordingMetadata.class);
                    Path wav = json.resolveSibling(CatalogScan.recordingIdOf(json) + ".wav");
                    if (metadata.startedAt() == null || metadata.endedAt() == null || !Files.isRegularFile(wav)
                            || !CatalogScan.recordingIdOf(json).equals(metadata.recordingId())) {
                        continue;
                    }
                    store().upsert(entryOf(metadata, wav, json));
                    added++;
                } catch (IOException | RuntimeException e) {
                    // a file another tool wrote or someone edited costs itself, not the files after it
                    LOG.warn("Catalog skips {}: {}", json, e.toString());
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            dropConnection();
            LOG.error("Cannot add the recordings on disk to the catalog: {}", e.toString());
            return;
        }
        if (added > 0) {
            LOG.info("Catalog: added {} recording(s) found on disk", added);
        }
    }

    private CatalogEntry entryOf(RecordingMetadata metadata, Path wav, Path json) {
        return new CatalogEntry(metadata.recordingId(), metadata.callId(), metadata.direction(), metadata.caller(),
                metadata.callee(), metadata.number(), agentsOf(metadata),
                Instant.parse(metadata.startedAt()),
                metadata.endedAt() == null ? null : Instant.parse(metadata.endedAt()), metadata.durationMs(),
                metadata.endReason(), files.relative(wav), files.relative(json));
    }

    /** The metadata's agents; a null in a hand-edited file is no one (the catalog's lists hold no nulls). */
    private static List<String> agentsOf(RecordingMetadata metadata) {
        return metadata.agents() == null ? List.of()
                : metadata.agents().stream().filter(Objects::nonNull).toList();
    }

    /** The URL without its query, which may carry a password. */
    private static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }

    /** Finishes what was asked, then closes the connection and stops the thread. Idempotent. */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(this::dropConnection);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Catalog thread did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
