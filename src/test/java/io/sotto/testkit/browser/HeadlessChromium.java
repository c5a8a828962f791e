package io.sotto.testkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A headless Chromium started for one test, on loopback, with a profile of its own, driven over the
 * DevTools protocol; ended by its process ids at the end.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final String REQUIRE_ENV = "SOTTO_REQUIRE_CHROMIUM";
    /** A browser other than the one on the PATH, by absolute path. */
    public static final String EXECUTABLE_ENV = "SOTTO_CHROMIUM";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final int port;

    private HeadlessChromium(Process process, Path profile, int port) {
        this.process = process;
        this.profile = profile;
        this.port = port;
    }

    /** The browser to run: {@code $SOTTO_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH. */
    public static Optional<Path> executable() {
        String given = System.getenv(EXECUTABLE_ENV);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
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
        if (executable().isEmpty()) {
            String why = "no Chromium (set " + EXECUTABLE_ENV + " or put chromium on the PATH)";
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                Assertions.fail(REQUIRE_ENV + "=1 but " + why);
            }
            Assumptions.abort(why);
        }
    }

    /** Starts the browser with its profile under {@code workDir}; waits until its DevTools port answers. */
    public static HeadlessChromium launch(Path workDir) {
        Path profile = workDir.resolve("profile");
        try {
            Files.createDirectories(profile);
            List<String> command = new ArrayList<>(List.of(executable().orElseThrow().toString(), "--headless=new",
                    "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                    "--disable-extensions", "--window-size=1280,860", "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile));
            if ("root".equals(System.getProperty("user.name"))) {
                command.add("--no-sandbox"); // Chromium will not start its sandbox as root (CI containers run as root)
            }
            command.add("about:blank");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("chromium.log").toFile()).start();
            Path activePort = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.isRegularFile(activePort) || Files.readAllLines(activePort).isEmpty()) {
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Chromium did not open its DevTools port; see "
                            + workDir.resolve("chromium.log"));
                }
                DevToolsSession.pause();
            }
            return new HeadlessChromium(process, profile, Integer.parseInt(Files.readAllLines(activePort).get(0).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new tab, with the Page, Runtime and Log domains on. */
    public BrowserPage newPage() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        JsonNode target;
        try {
            target = DevToolsSession.JSON.readTree(HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        DevToolsSession session = DevToolsSession.connect(target.path("webSocketDebuggerUrl").asText());
        session.send("Page.enable");
        session.send("Runtime.enable");
        session.send("Log.enable");
        return new BrowserPage(session);
    }

    public long pid() {
        return process.pid();
    }

    /** Ends the browser and its helper processes by their ids, then removes the profile. */
    @Override
    public void close() {
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        helpers.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        helpers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temp directory: the test's own cleanup removes what is left
        }
    }
}
