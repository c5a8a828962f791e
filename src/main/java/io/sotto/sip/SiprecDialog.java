package io.sotto.sip;

import io.sotto.sip.siprec.RsMetadata;

/**
 * What Sotto keeps of a recording session it serves as the SIPREC recording server, beside its
 * one leg: the metadata so far, which offered streams are on which channel, and whether the
 * recording client has paused it.
 */
final class SiprecDialog {
    RsMetadata metadata;
    String metadataXml;
    /** The {@code a=label} of the streams on the left and right channel (null: none, or no label). */
    String leftLabel;
    String rightLabel;
    /** The metadata's participant ids on the left and right channel at the start, or null. */
    String callerId;
    String calleeId;
    /** Their m= line indexes in the last offer. */
    int left;
    int right;
    /** The client's offer had every recorded stream inactive, and Sotto paused the recording for it. */
    boolean pausedByClient;
    /** The INVITE said {@code Require: siprec}; the answers say it back. */
    boolean requireSiprec;

    SiprecDialog(RsMetadata metadata, String metadataXml) {
        this.metadata = metadata;
        this.metadataXml = metadataXml;
    }
}
