package io.sotto.sip;

import java.util.IdentityHashMap;
import java.util.Map;

import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transferor's side of a REFER (RFC 3515, RFC 4488): the 202, the implicit subscription's
 * NOTIFYs (sipfrag status lines: 100 Trying, then the outcome), and the transferor's leg on
 * the way out after a transfer that happened. Its BYE waits for the answer to the last NOTIFY,
 * so a phone reads the outcome before its call ends (over TCP a SIPp that read both at once
 * dropped the call); a transferor that hangs up on its own first is answered 200.
 */
final class TransferorSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(TransferorSubscription.class);
    private static final String TRYING = "SIP/2.0 100 Trying";

    private final SipProvider provider;
    private final LegMessages messages;
    private final LegRequests requests;
    private final Legs legs;
    /** Transferors told of the transfer's success, by that last NOTIFY. */
    private final Map<ClientTransaction, SipLeg> departing = new IdentityHashMap<>();

    TransferorSubscription(SipProvider provider, LegMessages messages, LegRequests requests, Legs legs) {
        this.provider = provider;
        this.messages = messages;
        this.requests = requests;
        this.legs = legs;
    }

    /** 202, then NOTIFY 100 Trying unless the REFER asked for no subscription. */
    void accept(Transfer transfer, ServerTransaction tx, Request refer, boolean notifying) throws Exception {
        tx.sendResponse(accepted(refer, transfer.leaving, notifying));
        transfer.notifying = notifying;
        if (notifying) {
            requests.notify(transfer.leaving, TRYING, false);
        }
    }

    /** 202, then at once the last NOTIFY with {@code statusLine}: a REFER that cannot be carried out. */
    void acceptAndFail(ServerTransaction tx, Request refer, SipLeg from, boolean notifying, String statusLine)
            throws Exception {
        tx.sendResponse(accepted(refer, from, notifying));
        if (notifying) {
            requests.notify(from, statusLine, true);
        }
    }

    /** The transfer failed or was given up: the transferor, if still there and subscribed, hears why. */
    void failed(Transfer transfer, String statusLine) {
        if (transfer.notifying && !transfer.transferorGone) {
            requests.notify(transfer.leaving, statusLine, true);
        }
    }

    /**
     * The transfer happened: the transferor hears NOTIFY 200 OK, and its leg gets BYE once that
     * is answered (at once without a subscription); a transferor already gone is only forgotten.
     */
    void succeeded(Transfer transfer) {
        SipLeg leaving = transfer.leaving;
        ClientTransaction lastNotify = transfer.notifying && !transfer.transferorGone
                ? requests.notify(leaving, "SIP/2.0 200 OK", true) : null;
        if (lastNotify != null) {
            departing.put(lastNotify, leaving);
            return;
        }
        if (!transfer.transferorGone) {
            requests.bye(leaving);
        }
        legs.remove(leaving);
    }

    /** The transferor hung up while its transfer is under way: 200, and the transfer goes on. */
    void hungUp(Transfer transfer, RequestEvent event) throws Exception {
        SipLeg leg = transfer.leaving;
        ServerTransaction tx = ServerTransactions.of(provider, event);
        if (tx != null) {
            tx.sendResponse(messages.response(event.getRequest(), 200, null, leg));
        }
        transfer.transferorGone = true;
        legs.remove(leg);
        LOG.info("call {}: the transferor hung up; the transfer goes on", leg.call.call.id());
    }

    /**
     * A request on the leg of a transferor who is being sent away: its BYE is answered 200 and
     * ends the leg, anything else 481 (the call it was on has moved on without it).
     *
     * @return false when the leg is not one of those
     */
    boolean onDepartingRequest(RequestEvent event, SipLeg leg) throws Exception {
        if (!departing.containsValue(leg)) {
            return false;
        }
        ServerTransaction tx = ServerTransactions.of(provider, event);
        boolean bye = Request.BYE.equals(event.getRequest().getMethod());
        if (tx != null) {
            tx.sendResponse(messages.response(event.getRequest(), bye ? 200 : 481,
                    bye ? null : "Call/Transaction Does Not Exist", leg));
        }
        if (bye) {
            departing.values().removeIf(each -> each == leg);
            legs.remove(leg);
        }
        return true;
    }

    /** An answer to a last NOTIFY; false when {@code tx} is not one. */
    boolean onResponse(ClientTransaction tx, Response response) {
        SipLeg transferor = departing.get(tx);
        if (transferor == null) {
            return false;
        }
        if (response.getStatusCode() >= 200) {
            departing.remove(tx);
            depart(transferor);
        }
        return true;
    }

    /** A last NOTIFY got no answer; false when {@code tx} is not one. */
    boolean onTimeout(ClientTransaction tx) {
        SipLeg transferor = departing.remove(tx);
        if (transferor == null) {
            return false;
        }
        depart(transferor);
        return true;
    }

    private void depart(SipLeg transferor) {
        requests.bye(transferor);
        legs.remove(transferor);
    }

    /** 202, saying {@code Refer-Sub: false} when the REFER asked for no subscription (RFC 4488 section 4). */
    private Response accepted(Request refer, SipLeg from, boolean notifying) throws Exception {
        Response accepted = messages.response(refer, 202, null, from);
        if (!notifying) {
            accepted.addHeader(messages.header("Refer-Sub", "false"));
        }
        return accepted;
    }
}
