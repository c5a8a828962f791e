package io.sotto;

import java.nio.file.Path;

/** The live settings contract on PostgreSQL ({@code SOTTO_TEST_POSTGRES_URL}). */
class SettingsOnPostgresqlThroughSottoTest extends SettingsThroughSottoContract {
    @Override
    TestCatalog database(Path dir) {
        return TestCatalog.postgresql(dir);
    }
}
