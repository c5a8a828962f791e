package io.sotto.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.SottoUnderTest;

/**
 * The web console as a running Sotto serves it over real HTTP: the page and its files without a
 * token and with their security headers, nothing outside its own files, and scripts that request
 * only routes the server has.
 */
class ConsoleThroughSottoTest {
    private static final Path SOURCES = Path.of("src/main/resources/io/sotto/api/console");
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("^import .* from '([^']+)';$", Pattern.MULTILINE);
    private static final Pattern ROUTE = Pattern.compile("route\\('([A-Z]+)', '(/api/[^']*)'\\)");
    private static final Pattern API_PATH = Pattern.compile("['\"`](/api/[^'\"`]*)");

    @TempDir
    static Path dir;
    private static SottoUnderTest sotto;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        sotto = SottoUnderTest.start(dir);
    }

    @AfterAll
    static void stop() {
        sotto.close();
    }

    @Test
    void servesTheConsolePageAtTheRootWithoutATokenUnderAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(page.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        String policy = page.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'none';").contains("script-src 'self';", "style-src 'self';",
                "connect-src 'self';", "media-src blob:;", "frame-ancestors 'none'").doesNotContain("unsafe", "*");
        assertThat(page.body()).contains("<title>Sotto console</title>", "id=\"token\" name=\"token\" type=\"password\"");
    }

    @Test
    void servesEveryFileOfTheConsoleWithItsMediaTypeAndTheSameHeaders() throws Exception {
        List<Path> files = consoleFiles();
        assertThat(files).extracting(file -> file.getFileName().toString())
                .contains("index.html", "app.js", "api.js", "console.css");

        for (Path file : files) {
            String name = file.getFileName().toString();
            HttpResponse<byte[]> asset = HTTP.send(request("/console/" + name).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(asset.statusCode()).as(name).isEqualTo(200);
            assertThat(asset.body()).as(name).isEqualTo(Files.readAllBytes(file));
            assertThat(asset.headers().firstValue("content-type")).as(name).hasValue(mediaTypeOf(name));
            assertThat(asset.headers().firstValue("x-content-type-options")).as(name).hasValue("nosniff");
            assertThat(asset.headers().firstValue("content-security-policy")).as(name)
                    .hasValue(ConsoleEndpoint.CONTENT_SECURITY_POLICY);
            assertThat(asset.headers().firstValue("cache-control")).as(name).hasValue("no-cache");
        }
    }

    @Test
    void findsNothingOutsideTheConsolesOwnFiles() throws Exception {
        List<String> paths = List.of("/console/../pom.xml", "/console/%2e%2e/pom.xml", "/console/..%2fpom.xml",
                "/console/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/console/..%5cpom.xml", "/console/.%2fapp.js",
                "/console/%2fetc%2fpasswd", "/console/", "/console", "/console/index.html/x", "/console/APP.JS",
                "/console/nothing.js", "/console/ConsoleAssets.class", "/console/app.js%00.html", "/index.html",
                "/console/..", "/console/%2e%2e", "/io/sotto/api/console/app.js");

        for (String path : paths) {
            try (RawHttpConnection connection = new RawHttpConnection(httpAddress())) {
                connection.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

                RawHttpConnection.Response response = connection.read();

                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.headers()).as(path).containsEntry("content-type", "application/json");
                assertThat(response.body()).as(path).startsWith("{\"error\":\"not_found\"");
            }
        }
    }

    @Test
    void thePageReferencesOnlyFilesTheConsoleServes() throws Exception {
        Set<String> referenced = new LinkedHashSet<>(matches(REFERENCE, get("/").body(), 1));
        for (String script : scripts()) {
            for (String module : matches(IMPORT, get("/console/" + script).body(), 1)) {
                assertThat(module).as("import in %s", script).matches("\\./[a-z-]+\\.js");
                referenced.add("/console/" + module.substring(2));
            }
        }

        assertThat(referenced).contains("/console/app.js", "/console/console.css", "/console/api.js");
        for (String path : referenced) {
            assertThat(path).as("a file of the console, by absolute path").startsWith("/console/");
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theScriptsRequestOnlyRoutesTheServerHasWithTheirMethods() throws Exception {
        String api = get("/console/api.js").body();
        Matcher route = ROUTE.matcher(api);
        List<String[]> routes = new ArrayList<>();
        while (route.find()) {
            routes.add(new String[] {route.group(1), route.group(2)});
        }
        List<String> declared = routes.stream().map(r -> r[1]).toList();
        for (String script : scripts()) {
            assertThat(matches(API_PATH, get("/console/" + script).body(), 1))
                    .as("API paths written in %s outside api.js's route table", script)
                    .isSubsetOf(script.equals("api.js") ? declared : List.of());
        }

        assertThat(routes).extracting(r -> r[0] + " " + r[1]).contains("GET /api/v1/calls", "GET /api/v1/events",
                "POST /api/v1/calls/{id}/recording/{action}", "GET /api/v1/recordings/{id}/audio");
        for (String[] r : routes) {
            String path = r[1].replaceAll("\\{[a-z]+\\}", "01M817HKKKK2X9JBQP4HYA8DCD");
            HttpResponse<String> answer = HTTP.send(request(path)
                    .method(r[0], HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            // every API route asks for the token first; a path or method it does not have is 404 or 405
            assertThat(answer.statusCode()).as("%s %s", r[0], r[1]).isEqualTo(401);
            assertThat(answer.headers().firstValue("www-authenticate")).as("%s %s", r[0], r[1]).hasValue("Bearer");
        }
    }

    @Test
    void theScriptsNeverParseDataAsHtmlAndThePageHasNothingInline() throws Exception {
        for (String script : scripts()) {
            assertThat(get("/console/" + script).body()).as(script)
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                            "new Function");
            // the token lives in the tab's session storage only; the one thing kept across sessions is
            // the paused banner's style, a display preference
            if (!script.equals("banner.js")) {
                assertThat(get("/console/" + script).body()).as(script).doesNotContain("localStorage");
            }
        }
        assertThat(get("/console/banner.js").body()).doesNotContain("token").contains("localStorage.setItem(STYLE_KEY");
        String page = get("/").body();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("\\son[a-z]+=").doesNotContain("<style");
    }

    private static List<String> scripts() throws IOException {
        return consoleFiles().stream().map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".js"))
                .toList();
    }

    private static List<Path> consoleFiles() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String mediaTypeOf(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new AssertionError("a console file of an unexpected kind: " + name);
        };
    }

    private static List<String> matches(Pattern pattern, String text, int group) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }

    private static InetSocketAddress httpAddress() {
        return new InetSocketAddress(SottoUnderTest.LOOPBACK, sotto.httpPort());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://" + SottoUnderTest.LOOPBACK + ":" + sotto.httpPort() + path))
                .timeout(Duration.ofSeconds(5));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
