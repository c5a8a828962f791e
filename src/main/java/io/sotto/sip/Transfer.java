package io.sotto.sip;

import javax.sip.ClientTransaction;

import io.sotto.media.MediaSession;

/**
 * One transfer under way (docs/transfer.md): the party of the {@code leaving} leg is being
 * replaced, on the same side of {@code call}, by the party of the {@code partner} leg, bridged to
 * the party of the {@code remaining} leg through a media session of its own. Until it completes the
 * call is as it was; if it fails it stays so.
 */
final class Transfer {
    enum Kind {
        /** REFER: Sotto calls the Refer-To target. */
        BLIND,
        /** REFER whose Refer-To carries Replaces: the partner is the far end of another call. */
        REFER_REPLACES,
        /** INVITE with Replaces: the partner is the party of that INVITE. */
        INVITE_REPLACES
    }

    final Kind kind;
    final SipCall call;
    final SipLeg leaving;
    final SipLeg remaining;
    final SipLeg partner;
    /** The partner's number or user part, as the call will show it. */
    final String partnerUser;
    final MediaSession media;
    /** REFER_REPLACES: the leg of the other call that the REFER named, ended with that call. */
    final SipLeg replaced;
    /** NOTIFYs go to the transferor (not when it asked for none: Refer-Sub: false, RFC 4488). */
    boolean notifying;
    /** The transferor hung up while the transfer was under way: nobody to tell, nobody to keep. */
    boolean transferorGone;
    /** The call ended while the transfer was under way: its answer is only cleaned up after. */
    boolean abandoned;
    /** The INVITE or re-INVITE the transfer waits on. */
    ClientTransaction pending;

    Transfer(Kind kind, SipCall call, SipLeg leaving, SipLeg remaining, SipLeg partner, String partnerUser,
             MediaSession media, SipLeg replaced) {
        this.kind = kind;
        this.call = call;
        this.leaving = leaving;
        this.remaining = remaining;
        this.partner = partner;
        this.partnerUser = partnerUser;
        this.media = media;
        this.replaced = replaced;
    }

    /** The side of the call the partner takes: the leaving party's. */
    SipLeg.Role side() {
        return leaving.role;
    }
}
