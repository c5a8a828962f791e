package io.sotto.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a path the catalog stored into a file under {@code recording.dir}, and refuses any that
 * would lead outside it (an absolute path, {@code ..}, a symbolic link pointing elsewhere), so
 * that nothing but the catalog's own rows can name a file the API serves.
 */
final class RecordingFiles {
    private final Path root;

    RecordingFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** {@code file} relative to the root, with {@code /} separators, as stored. */
    String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** The regular file {@code stored} names inside the root, or empty. */
    Optional<Path> resolve(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Optional.empty();
        }
        Path file;
        try {
            Path relative = Path.of(stored);
            if (relative.isAbsolute()) {
                return Optional.empty();
            }
            file = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (!file.toRealPath().startsWith(root.toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(file);
    }
}
