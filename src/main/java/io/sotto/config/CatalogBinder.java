package io.sotto.config;

import static io.sotto.config.ConfigNode.quote;

/** Binds {@code catalog}: which database indexes the finished recordings. */
final class CatalogBinder {
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    private CatalogBinder() {
    }

    static CatalogConfig catalog(ConfigNode catalog) {
        catalog.mapping("database", "url", "user", "password");
        CatalogDatabase database = catalog.get("database").choice(CatalogDatabase.class);
        ConfigNode urlNode = catalog.get("url");
        String url = urlNode.optionalString();
        String prefix = database == CatalogDatabase.SQLITE ? SQLITE_PREFIX : POSTGRESQL_PREFIX;
        if (url == null && database == CatalogDatabase.POSTGRESQL) {
            throw urlNode.fail("missing (catalog.database postgresql needs a JDBC URL such as"
                    + " jdbc:postgresql://db.example.net:5432/sotto)");
        }
        if (url != null && !url.startsWith(prefix)) {
            throw urlNode.fail(quote(url) + " is no " + ConfigNode.spelling(database) + " JDBC URL (expected "
                    + prefix + "...)");
        }
        return new CatalogConfig(database, url, catalog.get("user").optionalString(),
                catalog.get("password").optionalString());
    }
}
