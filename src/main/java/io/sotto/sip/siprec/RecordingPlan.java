package io.sotto.sip.siprec;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a recording session's streams go where in Sotto's stereo file: left the calling party's
 * stream (the participant the metadata marks as the caller, else the sender of the first audio m=
 * line), right the next other stream; any further stream is not recorded. The parties are the
 * senders of those two streams by the metadata, else its participants in order. Pure.
 *
 * @param left         index of the m= line recorded on the left channel
 * @param right        index of the m= line on the right channel, or -1 when the offer has one stream
 * @param notRecorded  indexes of the other audio m= lines, answered with port 0
 * @param caller       the left stream's participant, or null when the metadata does not say
 * @param callee       the right stream's participant, or null
 */
public record RecordingPlan(int left, int right, List<Integer> notRecorded, RsMetadata.Participant caller,
                            RsMetadata.Participant callee) {
    public RecordingPlan {
        notRecorded = List.copyOf(notRecorded);
    }

    /** @throws SiprecException 488 when the offer carries no audio stream to record */
    public static RecordingPlan of(SiprecOffer offer) {
        List<Integer> audio = offer.audioStreams();
        if (audio.isEmpty()) {
            throw new SiprecException(488, "Not Acceptable Here: no audio stream to record");
        }
        RsMetadata metadata = offer.metadata();
        int left = audio.get(0);
        for (int index : audio) {
            RsMetadata.Participant sender = metadata.senderOfLabel(offer.sdp().media().get(index).label());
            if (sender != null && sender.callingParty()) {
                left = index;
                break;
            }
        }
        List<Integer> rest = new ArrayList<>(audio);
        rest.remove(Integer.valueOf(left));
        int right = rest.isEmpty() ? -1 : rest.remove(0);
        RsMetadata.Participant caller = metadata.senderOfLabel(offer.sdp().media().get(left).label());
        RsMetadata.Participant callee = right < 0 ? null
                : metadata.senderOfLabel(offer.sdp().media().get(right).label());
        List<RsMetadata.Participant> others = new ArrayList<>(metadata.participants());
        if (caller == null && !others.isEmpty()) {
            caller = others.stream().filter(RsMetadata.Participant::callingParty).findFirst()
                    .orElse(others.stream().filter(p -> !isSender(p, offer, right)).findFirst().orElse(null));
        }
        others.remove(caller);
        if (callee == null) {
            callee = others.isEmpty() ? null : others.get(0);
        }
        return new RecordingPlan(left, right, rest, caller, callee);
    }

    private static boolean isSender(RsMetadata.Participant participant, SiprecOffer offer, int index) {
        return index >= 0 && participant.equals(offer.metadata().senderOfLabel(offer.sdp().media().get(index).label()));
    }
}
