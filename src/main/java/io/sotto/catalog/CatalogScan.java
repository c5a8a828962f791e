package io.sotto.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the metadata files of the recordings directory: {@code YYYY/MM/DD/<recordingId>.json} (README,
 * "Recordings on disk").
 */
final class CatalogScan {
    private static final Pattern METADATA = Pattern.compile("[0-9]{4}/[0-9]{2}/[0-9]{2}/[A-Za-z0-9_-]{1,64}\\.json");
    private static final int DEPTH = 4;

    private CatalogScan() {
    }

    static List<Path> metadataFiles(RecordingFiles files) throws IOException {
        Path root = files.root();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, DEPTH)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                if (METADATA.matcher(files.relative(file)).matches() && Files.isRegularFile(file)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    static String recordingIdOf(Path json) {
        String name = json.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }
}
