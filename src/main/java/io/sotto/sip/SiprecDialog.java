package io.sotto.sip;

import java.util.ArrayList;
import java.util.List;

import io.sotto.fork.SiprecSession;
import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.siprec.RecordingPlan;
import io.sotto.sip.siprec.RsMetadata;
import io.sotto.sip.siprec.SiprecOffer;

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

    /** The recording's SIPREC data: session id, participants with their channel, streams not recorded. */
    SiprecSession recording(SiprecOffer offer, RecordingPlan plan) {
        RsMetadata metadata = offer.metadata();
        Sdp sdp = offer.sdp();
        RsMetadata.Participant leftSender = metadata.senderOfLabel(sdp.media().get(plan.left()).label());
        RsMetadata.Participant rightSender = plan.right() < 0 ? null
                : metadata.senderOfLabel(sdp.media().get(plan.right()).label());
        String left = leftSender != null ? leftSender.id() : callerId;
        String right = rightSender != null ? rightSender.id() : calleeId;
        List<SiprecSession.Participant> participants = new ArrayList<>();
        for (RsMetadata.Participant p : metadata.participants()) {
            String channel = p.id().equals(left) ? "caller" : p.id().equals(right) ? "callee" : null;
            participants.add(new SiprecSession.Participant(p.id(), p.name(), p.aor(), channel));
        }
        List<String> notRecorded = new ArrayList<>();
        for (int index : plan.notRecorded()) {
            String label = sdp.media().get(index).label();
            notRecorded.add(label != null ? label : "m=" + index);
        }
        return new SiprecSession(metadata.sessionId(), participants, notRecorded, metadataXml);
    }
}
