package io.sotto.api;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.DefaultThreadFactory;

/** Names the HTTP event loop threads {@code sotto-http-1}, {@code sotto-http-2}, ... */
final class HttpThreadFactory extends DefaultThreadFactory {
    private final AtomicInteger next = new AtomicInteger(1);

    HttpThreadFactory() {
        super("sotto-http", false);
    }

    @Override
    protected Thread newThread(Runnable task, String nettyName) {
        return super.newThread(task, "sotto-http-" + next.getAndIncrement());
    }
}
