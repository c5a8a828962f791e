package io.sotto;

import java.nio.file.Path;

/** The recordings contract on PostgreSQL ({@code SOTTO_TEST_POSTGRES_URL}), as several Sotto nodes would share it. */
class RecordingsOnPostgresqlThroughSottoTest extends RecordingsThroughSottoContract {
    @Override
    TestCatalog database(Path dir) {
        return TestCatalog.postgresql(dir);
    }
}
