package io.sotto.testkit.phone;

import javax.sip.RequestEvent;
import javax.sip.message.Response;

/**
 * What a phone does when asked to transfer (RFC 3515, RFC 5589): accepts the REFER with 202,
 * reports "100 Trying" in a NOTIFY, calls the Refer-To target (with its Replaces header for an
 * attended transfer) and reports that INVITE's final response in a last NOTIFY.
 */
final class ReferTransferee {
    private static final String SIPFRAG = "message/sipfrag;version=2.0";

    private ReferTransferee() {
    }

    static void onRefer(TestCall call, RequestEvent event) {
        String referTo = SipText.header(event.getRequest(), "Refer-To");
        if (referTo == null) {
            // RFC 3515 section 2.4.1: a REFER without exactly one Refer-To is answered 400.
            call.respond(event, Response.BAD_REQUEST, null);
            return;
        }
        call.respond(event, Response.ACCEPTED, null);
        notifyProgress(call, "SIP/2.0 100 Trying", false);
        ReferTarget target = ReferTarget.parse(referTo);
        InviteOptions options = InviteOptions.defaults().from(call.localUser());
        if (target.replaces() != null) {
            options = options.header("Replaces", target.replaces());
        }
        TestCall transfer = call.phone().dial(target.uri(), options,
                reply -> notifyProgress(call, "SIP/2.0 " + reply.status() + " " + reply.reason(), true));
        call.referred(transfer);
    }

    private static void notifyProgress(TestCall call, String statusLine, boolean last) {
        var notify = call.newInDialogRequest("NOTIFY");
        call.sip().addHeader(notify, "Event", "refer");
        call.sip().addHeader(notify, "Subscription-State", last ? "terminated;reason=noresource" : "active;expires=60");
        call.sip().setBody(notify, SIPFRAG, statusLine + "\r\n");
        call.sendAsync(notify);
    }
}
