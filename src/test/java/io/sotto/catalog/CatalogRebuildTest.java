package io.sotto.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.CatalogConfig;
import io.sotto.config.CatalogDatabase;

/**
 * The catalog adds the recordings it finds on disk at start, and a metadata file written by
 * another tool or edited by hand, with a null where a value should be, costs that file at most:
 * never the files after it.
 */
class CatalogRebuildTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    @TempDir
    Path dir;

    @Test
    void indexesARecordingWhoseAgentsHoldANullAndEveryRecordingBesideIt() throws Exception {
        Path day = Files.createDirectories(dir.resolve("2026/11/22"));
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "01M817HKKKK2X9JBQP4HYA8DC" + i;
            write(day, id, "[\"carol\"]", "\"+15550100\"");
            good.add(id);
        }
        String edited = "01M817HKKKK2X9JBQP4HYA8DCZ";
        write(day, edited, "[null, \"alice\"]", "null");

        try (Catalog catalog = Catalog.open(new CatalogConfig(CatalogDatabase.SQLITE, null, null, null), dir)) {
            catalog.addRecordingsOnDisk();
            RecordingPage all = awaitIndexed(catalog, 5);

            assertThat(all.items()).extracting(CatalogEntry::recordingId).containsAll(good).contains(edited);
            CatalogEntry entry = catalog.find(edited).get().orElseThrow();
            assertThat(entry.agents()).containsExactly("alice");
            assertThat(entry.number()).isNull();
            VisibilityScope alice = new VisibilityScope(false, Set.of("alice"), Set.of("+15550100"), Set.of());
            assertThat(alice.includes(entry.agents(), entry.number())).isTrue();
            assertThat(catalog.search(query(alice)).get().items()).extracting(CatalogEntry::recordingId)
                    .containsExactly(edited);
        }
    }

    private static RecordingPage awaitIndexed(Catalog catalog, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        RecordingPage page = catalog.search(query(VisibilityScope.all())).get();
        while (page.total() < count && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            page = catalog.search(query(VisibilityScope.all())).get();
        }
        assertThat(page.total()).as("recordings indexed from disk").isEqualTo(count);
        return page;
    }

    private static RecordingQuery query(VisibilityScope scope) {
        return new RecordingQuery(scope, null, null, null, null, null, 50, null);
    }

    private static void write(Path day, String id, String agents, String number) throws Exception {
        Files.write(day.resolve(id + ".wav"), new byte[44]);
        Files.writeString(day.resolve(id + ".json"), """
                {"recordingId": "%s", "callId": "01M817HK8QBRK9HQQ47SMYCVAS", "direction": "inbound",
                 "caller": "+15550199", "callee": "+15550100", "agents": %s, "number": %s,
                 "startedAt": "2026-11-22T08:56:41.331Z", "endedAt": "2026-11-22T08:56:45.351Z",
                 "durationMs": 4020, "endReason": "hangup"}
                """.formatted(id, agents, number));
    }
}
