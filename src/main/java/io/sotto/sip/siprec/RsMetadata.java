package io.sotto.sip.siprec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Sotto reads of a recording session's metadata (RFC 7865): the communication session's id,
 * the participants with what each sends, and the streams by their SDP label.
 *
 * @param sessionId    the first {@code <session>}'s {@code session_id}, or null
 * @param partial      {@code <datamode>partial</datamode>}: an update to merge into what was known
 * @param participants in document order
 * @param streams      in document order
 */
public record RsMetadata(String sessionId, boolean partial, List<Participant> participants, List<Stream> streams) {
    public static final RsMetadata NONE = new RsMetadata(null, false, List.of(), List.of());

    public RsMetadata {
        participants = List.copyOf(participants);
        streams = List.copyOf(streams);
    }

    /**
     * A participant (RFC 7865 §6.5) and the streams it sends and receives ({@code <participantstreamassoc>},
     * or {@code <send>}/{@code <recv>} inside the participant as earlier drafts and some SBCs write them).
     *
     * @param callingParty the metadata marks it as the calling party (in extension data, as Oracle/Acme
     *                     Packet SBCs do with {@code callingParty}, or a {@code role} of caller)
     */
    public record Participant(String id, String name, String aor, boolean callingParty, List<String> sends,
                              List<String> receives) {
        public Participant {
            sends = List.copyOf(sends);
            receives = List.copyOf(receives);
        }

        /** The user part of the AoR ({@code sip:1001@pbx} gives {@code 1001}), or null. */
        public String user() {
            if (aor == null) {
                return null;
            }
            String uri = aor;
            int colon = uri.indexOf(':');
            if (colon >= 0 && colon < 6) {
                uri = uri.substring(colon + 1);
            }
            int at = uri.indexOf('@');
            String user = at < 0 ? uri : uri.substring(0, at);
            int semicolon = user.indexOf(';');
            user = semicolon < 0 ? user : user.substring(0, semicolon);
            return user.isEmpty() ? null : user;
        }
    }

    /** A media stream (RFC 7865 §6.6) and the SDP {@code a=label} it is carried on. */
    public record Stream(String id, String label) {
    }

    /** The participant that sends the stream carried on SDP {@code label}, or null. */
    public Participant senderOfLabel(String label) {
        if (label == null) {
            return null;
        }
        for (Stream stream : streams) {
            if (label.equals(stream.label())) {
                for (Participant participant : participants) {
                    if (participant.sends().contains(stream.id())) {
                        return participant;
                    }
                }
            }
        }
        return null;
    }

    /**
     * This snapshot after {@code update} (RFC 7866 §9.2): a complete one replaces it, a partial one
     * adds or replaces participants and streams by id.
     */
    public RsMetadata merge(RsMetadata update) {
        if (!update.partial()) {
            return update;
        }
        Map<String, Participant> people = new LinkedHashMap<>();
        participants.forEach(p -> people.put(p.id(), p));
        update.participants().forEach(p -> people.put(p.id(), p));
        Map<String, Stream> media = new LinkedHashMap<>();
        streams.forEach(s -> media.put(s.id(), s));
        update.streams().forEach(s -> media.put(s.id(), s));
        return new RsMetadata(update.sessionId() != null ? update.sessionId() : sessionId, false,
                new ArrayList<>(people.values()), new ArrayList<>(media.values()));
    }
}
