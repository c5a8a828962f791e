package io.sotto.catalog;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;

import io.sotto.config.ConfigException;
import io.sotto.config.LiveSettings;
import io.sotto.config.Settings;
import io.sotto.config.SettingsDocument;
import io.sotto.config.SettingsScope;
import io.sotto.config.SettingsTree;

/**
 * The live settings kept in the catalog database, and their audit. At start the config file seeds
 * every document the database lacks (all of them on the first start), then the stored documents
 * are laid over the file's settings and published. A change is checked, stored with its audit
 * entry and published on the catalog thread, one after another, so two admins' changes never
 * interleave and neither a call thread nor an HTTP event loop waits on the database; the future
 * completes once the new snapshot is published.
 *
 * <p>Several nodes sharing one PostgreSQL catalog each re-read the stored settings every
 * {@link #REFRESH_SECONDS} seconds (on the catalog thread, one query), so a change made through
 * one node reaches the calls that start on the others within that time.
 */
public final class SettingsCatalog implements AutoCloseable {
    static final long REFRESH_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(SettingsCatalog.class);
    private static final long OPEN_TIMEOUT_SECONDS = 60;

    private final Catalog catalog;
    private final Settings file;
    private final LiveSettings live;
    private ScheduledExecutorService refresher;

    private SettingsCatalog(Catalog catalog, Settings file, LiveSettings live) {
        this.catalog = catalog;
        this.file = file;
        this.live = live;
    }

    /**
     * Seeds what the database lacks from {@code file}, and reads the live settings.
     *
     * @throws ConfigException       if a stored document no longer fits the config file, naming the key
     * @throws IllegalStateException if the database cannot be read
     */
    public static SettingsCatalog open(Catalog catalog, Settings file) {
        CompletableFuture<Settings> opened = catalog.request(store -> {
            SettingsStore settings = new SettingsStore(store.connection());
            settings.insertAbsent(SettingsTree.documentsOf(file));
            Map<SettingsScope, Map<String, ObjectNode>> stored = settings.all();
            warnWhereTheFileDiffers(file, stored);
            try {
                return SettingsTree.compose(file, stored);
            } catch (ConfigException e) {
                throw new ConfigException("the live settings in the catalog do not fit the config file: "
                        + e.getMessage());
            }
        });
        try {
            return new SettingsCatalog(catalog, file,
                    new LiveSettings(opened.get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConfigException config) {
                throw config;
            }
            throw new IllegalStateException("cannot read the live settings from the catalog: " + e.getCause(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot read the live settings from the catalog: " + e, e);
        }
    }

    public LiveSettings live() {
        return live;
    }

    /** Re-reads the stored settings every {@link #REFRESH_SECONDS} s: for a catalog other nodes change too. */
    public void refreshPeriodically() {
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread named = new Thread(task, "sotto-settings-refresh");
            named.setDaemon(true);
            return named;
        });
        // the timer thread only queues the work; the catalog thread does it, between other changes
        refresher.scheduleWithFixedDelay(() -> catalog.request(this::reload), REFRESH_SECONDS, REFRESH_SECONDS,
                TimeUnit.SECONDS);
    }

    /** Publishes the stored settings if another node changed them; a failure keeps the current ones. */
    private Void reload(CatalogStore store) throws SQLException {
        Settings stored;
        try {
            stored = SettingsTree.compose(file, new SettingsStore(store.connection()).all());
        } catch (ConfigException e) {
            LOG.error("settings: the live settings another node stored do not fit this node's config file,"
                    + " kept the current ones: {}", e.getMessage());
            return null;
        }
        if (!stored.equals(live.current())) {
            live.publish(stored);
            LOG.info("settings: changed through another node");
        }
        return null;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /**
     * Lays {@code change} over one document (see {@link SettingsTree#edit}), stores it with an audit
     * entry naming {@code who}, and publishes the new settings. A change that changes nothing is
     * neither stored nor audited.
     *
     * @return a future failed with {@link ConfigException} (the change is not valid),
     *         {@link NoSuchElementException} (no such number or user) or the database's error
     */
    public CompletableFuture<SettingsTree.Edit> change(SettingsScope scope, String key, JsonNode change, String who) {
        return catalog.request(store -> {
            SettingsTree.Edit edit = SettingsTree.edit(live.current(), scope, key, change);
            if (edit.changesNothing()) {
                return edit;
            }
            SettingsAuditEntry entry = new SettingsAuditEntry(UlidCreator.getMonotonicUlid().toString(), Instant.now(),
                    who, scope, scope == SettingsScope.COMPANY ? SettingsDocument.COMPANY_KEY : key,
                    edit.before(), edit.after());
            new SettingsStore(store.connection()).change(entry);
            live.publish(edit.settings());
            LOG.info("settings: {} changed by {}",
                    scope == SettingsScope.COMPANY ? "company" : scope.label() + " " + key, who);
            return edit;
        });
    }

    /** Up to {@code limit} changes older than the change {@code cursor} (null: the newest), newest first. */
    public CompletableFuture<SettingsAuditPage> audit(String cursor, int limit) {
        return catalog.request(store -> new SettingsStore(store.connection()).audit(cursor, limit));
    }

    /** The config file only seeds: say so where it now says something else than the database. */
    private static void warnWhereTheFileDiffers(Settings file, Map<SettingsScope, Map<String, ObjectNode>> stored) {
        for (SettingsDocument seed : SettingsTree.documentsOf(file)) {
            ObjectNode kept = stored.getOrDefault(seed.scope(), Map.of()).get(seed.key());
            if (kept != null && !kept.equals(seed.document())) {
                LOG.warn("settings: {} {} in the config file differs from the live settings in the catalog,"
                        + " which win (change them with PUT /api/v1/settings/...)", seed.scope().label(), seed.key());
            }
        }
    }
}
