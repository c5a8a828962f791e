package io.sotto.testkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol with the JDK's own WebSocket client:
 * started with a throwaway profile and {@code --remote-debugging-port=0}, found through the
 * {@code DevToolsActivePort} file it writes, and ended by its process id (with every process it
 * started). Pages come from {@link #newPage}.
 *
 * <p>Tests that need it call {@link #requireChromium} first: without a browser they are skipped on
 * a developer machine, but with {@code SOTTO_REQUIRE_CHROMIUM=1} (as {@code .ci/run} sets) the build
 * fails instead.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final String REQUIRE_ENV = "SOTTO_REQUIRE_CHROMIUM";
    /** A browser other than the one on the PATH, by absolute path. */
    public static final String EXECUTABLE_ENV = "SOTTO_CHROMIUM";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Process process;
    private final Path profile;
    private final HttpClient http;
    private final DevToolsSession browser;
    private final int port;
    private final List<BrowserPage> pages = new ArrayList<>();

    private HeadlessChromium(Process process, Path profile, HttpClient http, DevToolsSession browser, int port) {
        this.process = process;
        this.profile = profile;
        this.http = http;
        this.browser = browser;
        this.port = port;
    }

    /** The browser to run: {@code $SOTTO_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH. */
    public static Optional<Path> executable() {
        String chosen = System.getenv(EXECUTABLE_ENV);
        if (chosen != null && !chosen.isBlank()) {
            Path path = Path.of(chosen);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : searchPath.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test without a browser, or fails it when {@code SOTTO_REQUIRE_CHROMIUM=1}. */
    public static void requireChromium() {
        if (executable().isPresent()) {
            return;
        }
        String why = "no Chromium to drive: none of " + NAMES + " on the PATH and no $" + EXECUTABLE_ENV
                + "; install Debian's `chromium` package";
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            Assertions.fail(REQUIRE_ENV + "=1 but " + why);
        }
        Assumptions.abort(why);
    }

    /**
     * Starts the browser with a new profile under {@code workDir}; its output goes to
     * {@code chromium.log} there.
     */
    public static HeadlessChromium launch(Path workDir) {
        Path executable = executable().orElseThrow(() -> new IllegalStateException("no Chromium found"));
        Process process = null;
        boolean started = false;
        try {
            Files.createDirectories(workDir);
            Path profile = Files.createTempDirectory(workDir, "profile-");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless=new",
                    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                    "--disable-background-networking", "--disable-component-update", "--disable-gpu",
                    "--disable-breakpad", "--mute-audio", "--hide-scrollbars", "--window-size=1280,860",
                    "--lang=en-US"));
            if ("root".equals(System.getProperty("user.name"))) {
                command.add("--no-sandbox"); // Chromium refuses to run as root with its sandbox (CI containers do)
            }
            command.add("about:blank");
            Path log = workDir.resolve("chromium.log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            List<String> activePort = awaitActivePort(process, profile.resolve("DevToolsActivePort"), log);
            int port = Integer.parseInt(activePort.get(0).trim());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            DevToolsSession browser = DevToolsSession.connect(http,
                    URI.create("ws://127.0.0.1:" + port + activePort.get(1).trim()));
            started = true;
            return new HeadlessChromium(process, profile, http, browser, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        } finally {
            if (!started && process != null) {
                kill(treeOf(process.toHandle()));
            }
        }
    }

    /** A new tab, with the Page, Runtime and Log domains on. */
    public BrowserPage newPage() {
        String targetId = browser.send("Target.createTarget", DevToolsSession.params().put("url", "about:blank"))
                .path("targetId").asText();
        DevToolsSession session = DevToolsSession.connect(http,
                URI.create("ws://127.0.0.1:" + port + "/devtools/page/" + targetId));
        BrowserPage page = new BrowserPage(session);
        pages.add(page);
        return page;
    }

    public long pid() {
        return process.pid();
    }

    /** Asks the browser to close, then ends whatever is left of it by process id; removes the profile. */
    @Override
    public void close() {
        // taken first: once the browser has exited, what it started is no longer its descendant
        List<ProcessHandle> tree = treeOf(process.toHandle());
        try {
            pages.forEach(BrowserPage::close);
            try {
                browser.send("Browser.close");
            } catch (RuntimeException e) {
                // already gone, or not answering: the kill below ends it
            }
            browser.close();
        } finally {
            kill(tree);
            deleteTree(profile);
        }
    }

    /** The two lines Chromium writes once it listens: its port, and the browser target's path. */
    private static List<String> awaitActivePort(Process process, Path activePort, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(activePort)) {
                List<String> lines = Files.readAllLines(activePort, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && !lines.get(0).isBlank() && !lines.get(1).isBlank()) {
                    return lines;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + "; see " + log);
            }
            DevToolsSession.pause();
        }
        throw new IllegalStateException("Chromium wrote no DevToolsActivePort within " + START_TIMEOUT + "; see " + log);
    }

    private static List<ProcessHandle> treeOf(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        all.addAll(root.descendants().toList());
        return all;
    }

    /** Ends these processes by their ids: TERM, then KILL after a grace period. */
    private static void kill(List<ProcessHandle> all) {
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            DevToolsSession.pause();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a profile left in target/ harms nothing
        }
    }
}
