package io.sotto;

import java.nio.file.Path;

/** The recordings contract on the default catalog: SQLite in a file under the recordings directory. */
class RecordingsOnSqliteThroughSottoTest extends RecordingsThroughSottoContract {
    @Override
    TestCatalog database(Path dir) {
        return TestCatalog.sqlite(dir);
    }
}
