package io.sotto.call;

import io.sotto.config.PeerConfig;

/**
 * Where a new call goes.
 *
 * @param direction the call's direction
 * @param source    the peer the call came from
 * @param target    the peer the second leg is sent to
 */
public record Route(Direction direction, PeerConfig source, PeerConfig target) {
}
