package io.sotto.config;

public enum Visibility { OWN, GROUPS, ALL }
