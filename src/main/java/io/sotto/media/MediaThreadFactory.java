package io.sotto.media;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.DefaultThreadFactory;

/** Names the relay's event loop threads {@code sotto-media-1}, {@code sotto-media-2}, ... */
final class MediaThreadFactory extends DefaultThreadFactory {
    private final AtomicInteger next = new AtomicInteger(1);

    MediaThreadFactory() {
        super("sotto-media", false);
    }

    @Override
    protected Thread newThread(Runnable task, String nettyName) {
        return super.newThread(task, "sotto-media-" + next.getAndIncrement());
    }
}
