package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST API of a running Sotto over real HTTP/1.1 on loopback, as the user of a bearer token.
 * The port is asked for at each request, so a test that restarts Sotto keeps its client.
 */
final class RestClient {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();
    private final IntSupplier httpPort;

    RestClient(IntSupplier httpPort) {
        this.httpPort = httpPort;
    }

    HttpResponse<String> get(String token, String path) {
        return send(request(token, path).build());
    }

    HttpResponse<String> post(String token, String path, String body) {
        return send(request(token, path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Polls {@code GET /api/v1/recordings} until it lists {@code count} recordings; fails after {@link #WAIT}. */
    JsonNode awaitRecordings(String token, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode list = json(get(token, "/api/v1/recordings"));
        while (list.path("total").asInt() < count && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            list = json(get(token, "/api/v1/recordings"));
        }
        assertThat(list.path("total").asInt()).as("recordings in the catalog").isEqualTo(count);
        return list;
    }

    URI uri(String path) {
        return URI.create("http://" + LOOPBACK + ":" + httpPort.getAsInt() + path);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).timeout(WAIT);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
