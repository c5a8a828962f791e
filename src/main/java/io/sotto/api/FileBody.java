package io.sotto.api;

import java.nio.file.Path;

/**
 * A stretch of a file a response sends from disk ({@link io.netty.channel.DefaultFileRegion}:
 * sendfile on epoll, never loaded into memory). The file is opened on the event loop only when
 * the response is written and closed when it is out or the connection goes, and each one being
 * written holds a permit of {@code streams}.
 *
 * @param offset the first byte to send
 * @param length how many bytes to send from {@code offset}
 */
public record FileBody(Path path, long offset, long length, StreamPermits streams) {
}
