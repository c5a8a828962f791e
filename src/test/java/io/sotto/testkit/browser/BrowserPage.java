package io.sotto.testkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One tab of a {@link HeadlessChromium}: load a page, run script in it, wait for what it shows,
 * click and type with real input events (as a user's mouse and keyboard make them, trusted and
 * through the page's own handlers), and take screenshots.
 */
public final class BrowserPage implements AutoCloseable {
    /** CDP modifier bits (Input.dispatchKeyEvent). */
    public static final int ALT = 1;
    public static final int CTRL = 2;
    public static final int META = 4;
    public static final int SHIFT = 8;

    private final DevToolsSession session;

    BrowserPage(DevToolsSession session) {
        this.session = session;
        session.send("Page.enable");
        session.send("Runtime.enable");
        session.send("Log.enable");
    }

    /** The protocol session, for domains this class has no method for (Fetch, Network, ...). */
    public DevToolsSession devTools() {
        return session;
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
            throw new IllegalStateException("script failed: " + expression + "\n"
                    + result.path("exceptionDetails").path("exception").path("description").asText(
                            result.path("exceptionDetails").path("text").asText()));
        }
        return result.path("result").path("value");
    }

    /** Polls the expression until it is truthy, within {@code timeout}; fails with {@code what}. */
    public void waitFor(String what, String expression, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String test = "!!(" + expression + ")";
        while (!evaluate(test).asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not show " + what + " within " + timeout
                        + " (" + expression + ")");
            }
            DevToolsSession.pause();
        }
    }

    /** Polls until an element matches the CSS {@code selector}, within {@code timeout}. */
    public void waitForSelector(String selector, Duration timeout) {
        waitFor(selector, "document.querySelector(" + quote(selector) + ")", timeout);
    }

    /** The text of the first element matching {@code selector}, or null when there is none. */
    public String text(String selector) {
        JsonNode value = evaluate("(() => { const n = document.querySelector(" + quote(selector)
                + "); return n ? n.textContent.trim() : null; })()");
        return value.isNull() ? null : value.asText();
    }

    /** An attribute of the first element matching {@code selector}, or null. */
    public String attribute(String selector, String name) {
        JsonNode value = evaluate("(() => { const n = document.querySelector(" + quote(selector)
                + "); return n ? n.getAttribute(" + quote(name) + ") : null; })()");
        return value.isNull() ? null : value.asText();
    }

    /** Whether an element matches {@code selector} and is rendered (not hidden, not display:none). */
    public boolean visible(String selector) {
        return evaluate("(() => { const n = document.querySelector(" + quote(selector)
                + "); return !!n && n.getClientRects().length > 0; })()").asBoolean();
    }

    /** A left click in the middle of the first element matching {@code selector}, scrolled into view. */
    public void click(String selector) {
        JsonNode box = evaluate("(() => { const n = document.querySelector(" + quote(selector) + ");"
                + " if (!n) return null; n.scrollIntoView({block: 'center'}); const r = n.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        if (box.isNull()) {
            throw new AssertionError("nothing to click: no " + selector);
        }
        double x = box.get("x").asDouble();
        double y = box.get("y").asDouble();
        mouse("mouseMoved", x, y, 0);
        mouse("mousePressed", x, y, 1);
        mouse("mouseReleased", x, y, 1);
    }

    /** Focuses the element and types {@code text} into it as one input. */
    public void type(String selector, String text) {
        evaluate("document.querySelector(" + quote(selector) + ").focus()");
        session.send("Input.insertText", DevToolsSession.params().put("text", text));
    }

    /**
     * Presses and releases a key with {@code modifiers} (the constants above, or'ed): {@code key} as
     * KeyboardEvent.key ({@code "Enter"}, {@code "?"}), {@code code} as KeyboardEvent.code
     * ({@code "Digit2"}), {@code keyCode} the Windows virtual key code.
     */
    public void press(String key, String code, int keyCode, int modifiers) {
        ObjectNode down = DevToolsSession.params().put("type", key.length() == 1 && (modifiers & (CTRL | ALT | META)) == 0
                        ? "keyDown" : "rawKeyDown")
                .put("modifiers", modifiers).put("key", key).put("code", code)
                .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode);
        if (key.length() == 1 && (modifiers & (CTRL | ALT | META)) == 0) {
            down.put("text", key);
        }
        session.send("Input.dispatchKeyEvent", down);
        session.send("Input.dispatchKeyEvent", DevToolsSession.params().put("type", "keyUp")
                .put("modifiers", modifiers).put("key", key).put("code", code)
                .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode));
    }

    /** Ctrl+Shift+{@code digit}, as the console's shortcuts want it. */
    public void pressCtrlShiftDigit(int digit) {
        String shifted = String.valueOf(")!@#$%^&*(".charAt(digit)); // what Shift+digit is on a US layout
        press(shifted, "Digit" + digit, '0' + digit, CTRL | SHIFT);
    }

    /** A PNG of the viewport, written to {@code file}. */
    public Path screenshot(Path file) {
        JsonNode shot = session.send("Page.captureScreenshot", DevToolsSession.params().put("format", "png"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * What the page reported as errors so far: uncaught exceptions, {@code console.error}, and the
     * browser's own log entries of level error (a Content-Security-Policy violation is one).
     */
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
            case "Runtime.exceptionThrown" -> "exception: " + params.path("exceptionDetails").path("exception")
                    .path("description").asText(params.path("exceptionDetails").path("text").asText());
            case "Runtime.consoleAPICalled" -> "error".equals(params.path("type").asText())
                    ? "console.error: " + params.path("args") : null;
            case "Log.entryAdded" -> "error".equals(params.path("entry").path("level").asText())
                    ? "log: " + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText()
                    : null;
            default -> null;
        };
    }

    private void mouse(String type, double x, double y, int clicks) {
        ObjectNode event = DevToolsSession.params().put("type", type).put("x", x).put("y", y);
        if (clicks > 0) {
            event.put("button", "left").put("clickCount", clicks);
        }
        session.send("Input.dispatchMouseEvent", event);
    }

    /** A JavaScript string literal of {@code text}. */
    public static String quote(String text) {
        try {
            return DevToolsSession.JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
