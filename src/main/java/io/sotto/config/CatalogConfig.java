package io.sotto.config;

/**
 * The recordings catalog's database.
 *
 * @param url      JDBC URL; null for SQLite means {@code <recording.dir>/catalog.db}
 * @param user     null when the URL or the server needs none
 * @param password null when the URL or the server needs none; never logged
 */
public record CatalogConfig(CatalogDatabase database, String url, String user, String password) {

    @Override
    public String toString() {
        return "CatalogConfig[database=" + database + ", url=" + url + ", user=" + user + "]";
    }
}
