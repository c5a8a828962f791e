package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the data-flow arrows of STYLE.md true: sip → call → media → fork ← recorder → catalog → api,
 * with media and recorder meeting only in fork, the catalog reading only config and the recorder's
 * metadata, and no javax.sip type outside sip.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/sotto");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.sotto(?:\\.[a-z]+)*)\\.[A-Z]", Pattern.MULTILINE);
    private static final Pattern JAVAX_SIP = Pattern.compile("^import (?:static )?(javax\\.sip|gov\\.nist)\\.", Pattern.MULTILINE);

    /** What each package may use besides itself and its own sub-packages. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("io.sotto", Set.of("*")),
            Map.entry("io.sotto.config", Set.of()),
            Map.entry("io.sotto.sip", Set.of("io.sotto.config", "io.sotto.call", "io.sotto.control",
                    "io.sotto.media", "io.sotto.fork", "io.sotto.sip.sdp", "io.sotto.sip.siprec")),
            Map.entry("io.sotto.sip.sdp", Set.of()),
            Map.entry("io.sotto.sip.siprec", Set.of("io.sotto.sip.sdp")),
            Map.entry("io.sotto.call", Set.of("io.sotto.config", "io.sotto.control", "io.sotto.media",
                    "io.sotto.fork")),
            Map.entry("io.sotto.control", Set.of("io.sotto.config")),
            Map.entry("io.sotto.media", Set.of("io.sotto.config", "io.sotto.fork", "io.sotto.media.rtp",
                    "io.sotto.metrics")),
            Map.entry("io.sotto.metrics", Set.of()),
            Map.entry("io.sotto.media.rtp", Set.of()),
            Map.entry("io.sotto.fork", Set.of()),
            Map.entry("io.sotto.recorder", Set.of("io.sotto.config", "io.sotto.fork")),
            Map.entry("io.sotto.catalog", Set.of("io.sotto.config", "io.sotto.recorder")),
            // the catalog indexes what the recorder finished; only api and the composition root use it
            // api reads the counter snapshots of media and recorder for /metrics; nothing imports api
            Map.entry("io.sotto.api", Set.of("io.sotto.config", "io.sotto.call", "io.sotto.control",
                    "io.sotto.catalog", "io.sotto.media", "io.sotto.recorder", "io.sotto.metrics")));

    @Test
    void shouldImportOnlyAlongTheDataFlow() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = packageOf(file);
            Set<String> allowed = ALLOWED.get(pkg);
            assertThat(allowed).as("package %s of %s is in the dependency map", pkg, file).isNotNull();
            Matcher imports = IMPORT.matcher(Files.readString(file));
            while (imports.find()) {
                String used = imports.group(1);
                boolean ok = allowed.contains("*") || used.equals(pkg) || used.startsWith(pkg + ".")
                        || allowed.contains(used);
                if (!ok) {
                    violations.add(file + " imports " + used);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void shouldKeepJainSipInsideTheSipPackage() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (!packageOf(file).startsWith("io.sotto.sip") && JAVAX_SIP.matcher(Files.readString(file)).find()) {
                violations.add(file.toString());
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static String packageOf(Path file) {
        Path dir = SOURCES.relativize(file).getParent();
        return dir == null ? "io.sotto" : "io.sotto." + dir.toString().replace('/', '.');
    }
}
