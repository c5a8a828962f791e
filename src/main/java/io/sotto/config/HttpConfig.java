package io.sotto.config;

public record HttpConfig(HostPort listen) {
}
