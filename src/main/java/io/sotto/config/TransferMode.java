package io.sotto.config;

public enum TransferMode { STOP, CONTINUE }
