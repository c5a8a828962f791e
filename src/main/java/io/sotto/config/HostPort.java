package io.sotto.config;

/** A {@code host:port} setting; host is an IP literal or a name. */
public record HostPort(String host, int port) {
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
