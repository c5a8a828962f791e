package io.sotto;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every end-to-end test with JAIN-SIP phones holds: a directory of its own, the Sotto it
 * starts there (each test starts it with its own settings) and the phones that call through it.
 * After each test the phones are closed first, so their calls end, then Sotto.
 */
abstract class CallsThroughSotto {
    @TempDir
    Path dir;

    SottoUnderTest sotto;
    final TestPhones phones = new TestPhones();

    @AfterEach
    void stopAll() {
        try {
            phones.close();
        } finally {
            if (sotto != null) {
                sotto.close();
            }
        }
    }
}
