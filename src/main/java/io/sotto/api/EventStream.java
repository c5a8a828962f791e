package io.sotto.api;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;

/**
 * One open server-sent event stream (WHATWG HTML §9.2). {@link #send} may be called from any
 * thread and never blocks: a client that does not keep up (its socket stays unwritable) is
 * disconnected rather than buffered without bound. A comment line every
 * {@link #KEEP_ALIVE_SECONDS} keeps proxies and the idle timer from closing a quiet stream.
 */
public final class EventStream {
    static final int KEEP_ALIVE_SECONDS = 15;

    private final Channel channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable onClose = () -> { };
    private ScheduledFuture<?> keepAlive;

    EventStream(Channel channel) {
        this.channel = channel;
    }

    /** Runs {@code action} once when the stream ends (client gone, server stopping, slow client). */
    public void onClose(Runnable action) {
        this.onClose = action;
        if (closed.get()) {
            action.run();
        }
    }

    /** Sends one event: {@code event: name} and one {@code data:} line (no newlines in it). */
    public void send(String name, String data) {
        if (closed.get()) {
            return;
        }
        if (!channel.isWritable()) {
            channel.close();
            return;
        }
        write("event: " + name + "\ndata: " + data.replace("\n", " ") + "\n\n");
    }

    /**
     * Sends one event whose data is built on this stream's event loop, not on the calling thread:
     * a publisher that must return at once (the call conductor) only queues the work. Events keep
     * their order.
     */
    public void sendLater(String name, Supplier<String> data) {
        if (closed.get()) {
            return;
        }
        channel.eventLoop().execute(() -> send(name, data.get()));
    }

    void started() {
        keepAlive = channel.eventLoop().scheduleAtFixedRate(() -> write(": keep-alive\n\n"),
                KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(future -> close());
    }

    private void write(String text) {
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
            onClose.run();
        }
    }
}
