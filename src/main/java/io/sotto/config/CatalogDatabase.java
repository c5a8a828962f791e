package io.sotto.config;

/** Where the recordings catalog keeps its index: an embedded file, or a shared server for several nodes. */
public enum CatalogDatabase { SQLITE, POSTGRESQL }
