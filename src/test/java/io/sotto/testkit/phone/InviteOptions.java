package io.sotto.testkit.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a test phone builds an INVITE: From user, P-Asserted-Identity user, offered codecs, the
 * telephone-event payload type, SDP offer or delayed offer (RFC 3261 section 13.2.1), offered
 * direction and extra headers in order. Immutable; each method returns a changed copy.
 */
public record InviteOptions(
        String fromUser,
        String paiUser,
        List<Codec> codecs,
        int telephoneEventPayloadType,
        boolean offerInInvite,
        Direction direction,
        List<Map.Entry<String, String>> headers) {

    public static final int DEFAULT_TELEPHONE_EVENT = 101;

    public InviteOptions {
        codecs = List.copyOf(codecs);
        headers = List.copyOf(headers);
    }

    /** From user = the phone's name, no PAI, PCMU PCMA telephone-event/101, SDP in the INVITE, sendrecv. */
    public static InviteOptions defaults() {
        return new InviteOptions(null, null, List.of(Codec.PCMU, Codec.PCMA, Codec.TELEPHONE_EVENT),
                DEFAULT_TELEPHONE_EVENT, true, Direction.SENDRECV, List.of());
    }

    public InviteOptions from(String user) {
        return new InviteOptions(user, paiUser, codecs, telephoneEventPayloadType, offerInInvite, direction, headers);
    }

    /** {@code P-Asserted-Identity: <sip:user@phone-address>}; null sends none. */
    public InviteOptions pai(String user) {
        return new InviteOptions(fromUser, user, codecs, telephoneEventPayloadType, offerInInvite, direction, headers);
    }

    public InviteOptions codecs(Codec... offered) {
        return new InviteOptions(fromUser, paiUser, List.of(offered), telephoneEventPayloadType, offerInInvite, direction, headers);
    }

    public InviteOptions telephoneEvent(int payloadType) {
        return new InviteOptions(fromUser, paiUser, codecs, payloadType, offerInInvite, direction, headers);
    }

    /** Delayed offer: INVITE without SDP, the 2xx carries the offer and the ACK the answer. */
    public InviteOptions withoutSdp() {
        return new InviteOptions(fromUser, paiUser, codecs, telephoneEventPayloadType, false, direction, headers);
    }

    public InviteOptions direction(Direction offered) {
        return new InviteOptions(fromUser, paiUser, codecs, telephoneEventPayloadType, offerInInvite, offered, headers);
    }

    /** Adds a header as written, e.g. {@code header("Replaces", "abc;to-tag=1;from-tag=2")}. */
    public InviteOptions header(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new InviteOptions(fromUser, paiUser, codecs, telephoneEventPayloadType, offerInInvite, direction, more);
    }

    List<SdpFormat> formats() {
        return codecs.stream().map(codec -> codec.format(telephoneEventPayloadType)).toList();
    }
}
