package io.sotto.config;

/** What paused and stopped stretches become in the file: cut out, or kept as silence. */
public enum PauseBehavior { SKIP, SILENCE }
