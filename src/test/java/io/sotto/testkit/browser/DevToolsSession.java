package io.sotto.testkit.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Chrome DevTools Protocol connection to a target (a tab), over a WebSocket: commands with
 * their results, and every event kept in arrival order.
 */
public final class DevToolsSession implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final WebSocket socket;

    private DevToolsSession(String webSocketUrl) {
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(webSocketUrl), new Listener()).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to " + webSocketUrl + ": " + e, e);
        }
    }

    /** Connects to a target's {@code ws://127.0.0.1:<port>/devtools/...} address. */
    public static DevToolsSession connect(String webSocketUrl) {
        return new DevToolsSession(webSocketUrl);
    }

    public static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Sends {@code method} and waits for its result; a protocol error becomes an exception naming it. */
    public JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode command = params().put("id", id).put("method", method);
        command.set("params", params);
        socket.sendText(command.toString(), true).join();
        JsonNode response;
        try {
            response = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        } finally {
            pending.remove(id);
        }
        if (response.has("error")) {
            throw new IllegalStateException(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    public JsonNode send(String method) {
        return send(method, params());
    }

    /** Every event received so far ({@code {"method", "params"}}), oldest first. */
    public List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The first event named {@code method} received after {@code after} events, within {@code timeout}. */
    public JsonNode awaitEvent(String method, int after, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> seen = events();
            for (int i = after; i < seen.size(); i++) {
                if (method.equals(seen.get(i).path("method").asText())) {
                    return seen.get(i);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + method + " within " + timeout);
            }
            pause();
        }
    }

    /** How long a poll of the page waits before looking again. */
    static void pause() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                receive(message.toString());
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void receive(String text) {
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (java.io.IOException e) {
                return;
            }
            if (json.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(json.get("id").asInt());
                if (answer != null) {
                    answer.complete(json);
                }
            } else {
                synchronized (events) {
                    events.add(json);
                }
            }
        }
    }
}
