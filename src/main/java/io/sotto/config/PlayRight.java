package io.sotto.config;

public enum PlayRight { ALL, OWN, NONE }
