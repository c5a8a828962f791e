package io.sotto.call;

/** Life of a call: set up until answered, then answered, and finally ended. */
public enum CallState { SETUP, ANSWERED, ENDED }
