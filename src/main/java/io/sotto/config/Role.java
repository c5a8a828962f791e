package io.sotto.config;

public enum Role { ADMIN, SUPERVISOR, ANALYST, AGENT }
