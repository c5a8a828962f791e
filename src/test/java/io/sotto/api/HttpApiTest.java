package io.sotto.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import io.sotto.config.HostPort;

/** The HTTP edge over real loopback sockets: routing, errors as JSON, keep-alive, start and close. */
class HttpApiTest {
    private static final String LOOPBACK = "127.0.0.1";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private HttpApi api;

    @BeforeEach
    void start() {
        RouteTable routes = RouteTable.builder()
                .get("/healthz", new HealthEndpoint())
                .get("/boom", request -> {
                    throw new IllegalStateException("secret internal state");
                })
                .get("/async-boom", (AsyncApiEndpoint) request -> CompletableFuture.supplyAsync(() -> {
                    throw new NullPointerException("secret internal state");
                }))
                .get("/async-busy", (AsyncApiEndpoint) request -> CompletableFuture.failedFuture(
                        new RejectedExecutionException("the queue is full")))
                .build();
        api = HttpApi.start(new HostPort(LOOPBACK, 0), routes);
    }

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void answersHealthzWithStatusOkAsJson() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(response.headers().firstValue("content-length")).hasValue("15");
    }

    @Test
    void answersNotFoundAsJsonForUnknownPaths() throws Exception {
        HttpResponse<String> response = get("/nothing/here?x=1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"not_found\",\"detail\":\"Nothing is served at /nothing/here.\"}");
    }

    @Test
    void answersMethodNotAllowedWithTheAllowedMethodsForAKnownPath() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/healthz"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET");
        assertThat(response.body()).isEqualTo(
                "{\"error\":\"method_not_allowed\",\"detail\":\"POST is not allowed on /healthz; use GET.\"}");
    }

    @Test
    void answersBadRequestAsJsonToAMalformedRequestAndCloses() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(api.address())) {
            connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n");

            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.headers()).containsEntry("content-type", "application/json")
                    .containsEntry("connection", "close");
            assertThat(response.body()).isEqualTo(
                    "{\"error\":\"bad_request\",\"detail\":\"The request is not valid HTTP/1.1.\"}");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void answersBadRequestToAMalformedPercentEncoding() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(api.address())) {
            connection.send("GET /healthz?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n");

            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"error\":\"bad_request\","
                    + "\"detail\":\"The request URI has a malformed percent-encoding.\"}");
        }
    }

    @Test
    void refusesABodyLargerThan64KiBAsJsonAndCloses() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(api.address())) {
            connection.send("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 65537\r\n\r\n");

            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).isEqualTo(
                    "{\"error\":\"payload_too_large\",\"detail\":\"The request body is larger than 65536 bytes.\"}");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void answersAnEndpointFailureWithA500ThatHidesTheCause() throws Exception {
        HttpResponse<String> response = get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"internal_error\","
                + "\"detail\":\"The server failed to answer this request; its log has the cause.\"}");
        assertThat(get("/healthz").statusCode()).as("the server goes on").isEqualTo(200);
    }

    @Test
    void answersAnAsyncEndpointWhoseAnswerFailsWithA500ThatHidesTheCause() throws Exception {
        HttpResponse<String> response = get("/async-boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"internal_error\","
                + "\"detail\":\"The server failed to answer this request; its log has the cause.\"}");
        assertThat(get("/healthz").statusCode()).as("the server goes on").isEqualTo(200);
    }

    @Test
    void answersAnAsyncEndpointThatIsTooBusyWith503() throws Exception {
        HttpResponse<String> response = get("/async-busy");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"error\":\"unavailable\"").doesNotContain("queue");
    }

    @Test
    void keepsAnHttp11ConnectionOpenForTheNextRequest() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(api.address())) {
            connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttpConnection.Response first = connection.read();
            connection.send("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttpConnection.Response second = connection.read();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.headers()).doesNotContainKey("connection");
            assertThat(second.status()).isEqualTo(404);
        }
    }

    @Test
    void closesTheConnectionWhenTheRequestAsksTo() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(api.address())) {
            connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void keepsAnHttp10ConnectionOpenOnlyWhenAskedTo() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(api.address())) {
            connection.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawHttpConnection.Response kept = connection.read();
            connection.send("GET /healthz HTTP/1.0\r\n\r\n");
            RawHttpConnection.Response last = connection.read();

            assertThat(kept.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(kept.headers()).containsEntry("connection", "keep-alive");
            assertThat(last.status()).isEqualTo(200);
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void freesItsPortWhenClosed() throws Exception {
        int port = api.address().getPort();

        api.close();

        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
        assertThat(httpThreadsAlive()).as("event loops stopped").isFalse();
    }

    @Test
    void refusesToStartOnATakenAddressNamingHttpListen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            int port = taken.getLocalPort();
            RouteTable routes = RouteTable.builder().get("/healthz", new HealthEndpoint()).build();

            assertThatThrownBy(() -> HttpApi.start(new HostPort(LOOPBACK, port), routes))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot listen for HTTP on http.listen 127.0.0.1:" + port + ": ")
                    .hasMessageContaining("Address already in use");
        }
        api.close();
        awaitNoHttpThreads();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + LOOPBACK + ":" + api.address().getPort() + path);
    }

    /** The failed start stopped the event loops it had made: no HTTP thread outlives both servers. */
    private static void awaitNoHttpThreads() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (httpThreadsAlive()) {
            assertThat(System.nanoTime() - deadline).as("sotto-http threads still alive after 5 s").isNegative();
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private static boolean httpThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.isAlive() && thread.getName().startsWith("sotto-http-"));
    }

}
