package io.sotto.testkit.browser;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One tab of a {@link HeadlessChromium}: load a page, run script in it, click and type as a user. */
public final class BrowserPage implements AutoCloseable {
    private final DevToolsSession session;

    BrowserPage(DevToolsSession session) {
        this.session = session;
    }

    /** Loads {@code url} and waits for its load event. */
    public void navigate(String url, Duration timeout) {
        int before = session.events().size();
        JsonNode result = session.send("Page.navigate", DevToolsSession.params().put("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot load " + url + ": " + result.get("errorText").asText());
        }
        session.awaitEvent("Page.loadEventFired", before, timeout);
    }

    /** The value of a JavaScript expression (a promise is awaited), as JSON; a thrown error fails. */
    public JsonNode evaluate(String expression) {
        JsonNode result = session.send("Runtime.evaluate", DevToolsSession.params().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + expression + ": "
                    + result.path("exceptionDetails").path("exception").path("description").asText());
        }
        return result.path("result").path("value");
    }

    /** Polls the expression until it is truthy, within {@code timeout}; fails with {@code what}. */
    public void waitFor(String what, String expression, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!evaluate("!!(" + expression + ")").asBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the page did not show " + what + " within " + timeout);
            }
            DevToolsSession.pause();
        }
    }

    /** The text of the first element matching {@code selector}, or null when there is none. */
    public String text(String selector) {
        JsonNode value = evaluate("(() => { const n = document.querySelector(" + quote(selector)
                + "); return n ? n.textContent.trim() : null; })()");
        return value.isNull() ? null : value.asText();
    }

    /** A left click in the middle of the first element matching {@code selector}, as the mouse would. */
    public void click(String selector) {
        JsonNode point = evaluate("(() => { const n = document.querySelector(" + quote(selector) + ");"
                + " if (!n) return null; n.scrollIntoView({block: 'center'}); const r = n.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        if (point.isNull()) {
            throw new AssertionError("nothing to click: no " + selector);
        }
        for (String type : List.of("mousePressed", "mouseReleased")) {
            ObjectNode event = DevToolsSession.params().put("type", type).put("button", "left").put("clickCount", 1)
                    .put("x", point.get("x").asDouble()).put("y", point.get("y").asDouble());
            session.send("Input.dispatchMouseEvent", event);
        }
    }

    /** Focuses the element and types {@code text} into it. */
    public void type(String selector, String text) {
        evaluate("document.querySelector(" + quote(selector) + ").focus()");
        session.send("Input.insertText", DevToolsSession.params().put("text", text));
    }

    /** Uncaught exceptions, {@code console.error} and the browser's log entries of level error. */
    public List<String> errors() {
        return session.events().stream().map(BrowserPage::errorOf).filter(text -> text != null).toList();
    }

    @Override
    public void close() {
        session.close();
    }

    private static String errorOf(JsonNode event) {
        JsonNode params = event.path("params");
        return switch (event.path("method").asText()) {
            case "Runtime.exceptionThrown" -> "exception: " + params.path("exceptionDetails");
            case "Runtime.consoleAPICalled" -> "error".equals(params.path("type").asText())
                    ? "console.error: " + params.path("args") : null;
            case "Log.entryAdded" -> "error".equals(params.path("entry").path("level").asText())
                    ? "log: " + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText()
                    : null;
            default -> null;
        };
    }

    /** A JavaScript string literal of {@code text}. */
    public static String quote(String text) {
        try {
            return DevToolsSession.JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
