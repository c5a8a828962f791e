package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live settings contract on PostgreSQL ({@code SOTTO_TEST_POSTGRES_URL}), and what only a
 * catalog several nodes share has: a change through one node reaches the others.
 */
class SettingsOnPostgresqlThroughSottoTest extends SettingsThroughSottoContract {
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(20);

    @Override
    TestCatalog database(Path dir) {
        return TestCatalog.postgresql(dir);
    }

    @Test
    void aChangeThroughOneNodeReachesAnotherNodeSharingTheCatalog(@TempDir Path otherDir) {
        sotto = start();
        try (SottoUnderTest other = startNode(otherDir)) {
            assertThat(root().put("/api/v1/settings/company", "{\"download\": true}").statusCode()).isEqualTo(200);

            ApiClient otherRoot = ApiClient.as(other, "root-token");
            long deadline = System.nanoTime() + REFRESH_WAIT.toNanos();
            while (!ApiClient.json(otherRoot.get("/api/v1/settings/company")).path("download").asBoolean()
                    && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }

            assertThat(ApiClient.json(otherRoot.get("/api/v1/settings/company")).path("download").asBoolean())
                    .as("the other node's company settings within %s", REFRESH_WAIT).isTrue();
        }
    }
}
