package io.sotto;

import java.nio.file.Path;

/** The live settings contract on the default embedded SQLite catalog. */
class SettingsOnSqliteThroughSottoTest extends SettingsThroughSottoContract {
    @Override
    TestCatalog database(Path dir) {
        return TestCatalog.sqlite(dir);
    }
}
