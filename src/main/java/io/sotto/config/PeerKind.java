package io.sotto.config;

public enum PeerKind { TRUNK, PBX }
