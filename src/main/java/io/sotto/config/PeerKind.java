package io.sotto.config;

/**
 * What a peer is: a {@code trunk} (a carrier, its calls are inbound), a {@code pbx} (its calls are
 * outbound or internal), or a {@code src}, a SIPREC recording client such as an SBC (RFC 7866):
 * its INVITEs are recording sessions Sotto records as the recording server, never routed on.
 */
public enum PeerKind { TRUNK, PBX, SRC }
