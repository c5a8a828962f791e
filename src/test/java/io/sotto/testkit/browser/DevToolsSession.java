package io.sotto.testkit.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One WebSocket to a Chrome DevTools Protocol target (the browser, or one page): commands with
 * their answers ({@code {"id", "method", "params"}} answered by {@code {"id", "result"|"error"}}),
 * and the events the target sends in between, kept for {@link #events} and {@link #awaitEvent}.
 */
public final class DevToolsSession implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private DevToolsSession(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to a target's {@code ws://127.0.0.1:<port>/devtools/...} address. */
    static DevToolsSession connect(HttpClient http, URI webSocketUrl) {
        Receiver receiver = new Receiver();
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(COMMAND_TIMEOUT)
                    .buildAsync(webSocketUrl, receiver).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            DevToolsSession session = new DevToolsSession(socket);
            receiver.session = session;
            return session;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted connecting to " + webSocketUrl, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open the DevTools WebSocket " + webSocketUrl, e);
        }
    }

    /** Sends {@code method} and waits for its result; a protocol error becomes an exception naming it. */
    public JsonNode send(String method, ObjectNode params) {
        int id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params == null ? JSON.createObjectNode() : params);
        try {
            socket.sendText(command.toString(), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + COMMAND_TIMEOUT, e);
        } finally {
            pending.remove(id);
        }
    }

    public JsonNode send(String method) {
        return send(method, null);
    }

    /** Every event received so far ({@code {"method", "params"}}), oldest first. */
    public List<JsonNode> events() {
        return List.copyOf(events);
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
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + method + " event within " + timeout);
            }
            pause();
        }
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    static void pause() {
        try {
            Thread.sleep(20); // the poll interval of a wait with a deadline, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.abort();
        pending.values().forEach(answer -> answer.completeExceptionally(new IOException("DevTools session closed")));
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return; // not CDP's JSON; nothing waits for it
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
        } else if (message.has("method")) {
            events.add(message);
        }
    }

    /** Joins the text frames of a message (CDP's screenshots span many) and hands whole ones over. */
    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile DevToolsSession session;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                DevToolsSession owner = session;
                if (owner != null) {
                    owner.received(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
