package io.sotto.sip;

import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpException;

/**
 * In-dialog requests of an established call (re-INVITE, UPDATE, INFO, NOTIFY, MESSAGE) carried
 * to the other leg and their answers carried back, with SDP anchored on Sotto's ports both ways;
 * and the ACK that brings the answer to an offer a 2xx made.
 */
final class DialogRelay {
    private static final Logger LOG = LoggerFactory.getLogger(DialogRelay.class);
    /** Headers of in-dialog requests that mean something end to end and are carried across. */
    private static final List<String> RELAYED_HEADERS =
            List.of("Event", "Subscription-State", "Info-Package", "Content-Disposition");

    private final SipProvider provider;
    private final LegMessages messages;
    private final ServerTransactions answers;
    private final SdpOffers offers;
    private final SdpBridge bridge;
    private final LegRequests requests;
    private final Legs legs;

    DialogRelay(SipProvider provider, LegMessages messages, ServerTransactions answers, SdpOffers offers,
                SdpBridge bridge, LegRequests requests, Legs legs) {
        this.provider = provider;
        this.messages = messages;
        this.answers = answers;
        this.offers = offers;
        this.bridge = bridge;
        this.requests = requests;
        this.legs = legs;
    }

    /** Relays an in-dialog request received on {@code from} to the other leg. */
    void relay(RequestEvent event, SipLeg from) throws Exception {
        Request request = event.getRequest();
        ServerTransaction serverTx = answers.of(event);
        if (serverTx == null) {
            return;
        }
        SipLeg to = from.other();
        Dialog dialog = to.dialog;
        if (dialog == null || dialog.getState() != DialogState.CONFIRMED) {
            serverTx.sendResponse(messages.response(request, 491, "Request Pending", from));
            return;
        }
        String method = request.getMethod();
        boolean offerBearing = Request.INVITE.equals(method) || Request.UPDATE.equals(method);
        Request out = dialog.createRequest(method);
        String sdp = offerBearing ? LegMessages.sdpOf(request) : null;
        if (sdp != null) {
            Sdp offer;
            try {
                offer = offers.filter(sdp);
            } catch (SdpException e) {
                SdpOffers.Refusal refusal = SdpOffers.refusal(e);
                serverTx.sendResponse(messages.response(request, refusal.status(), refusal.reason(), from));
                return;
            }
            messages.setSdp(out, bridge.carry(from, to, offer));
        } else if (!offerBearing) {
            messages.copyBody(request, out);
        }
        messages.copyHeaders(request, out, RELAYED_HEADERS);
        if (offerBearing) {
            out.setHeader(messages.contact(to.transport));
        }
        ClientTransaction clientTx = provider.getNewClientTransaction(out);
        try {
            dialog.sendRequest(clientTx);
        } catch (SipException e) {
            // RFC 3261 §14.1: an INVITE while one is pending in the other dialog is glare
            serverTx.sendResponse(messages.response(request, 491, "Request Pending", from));
            return;
        }
        from.call.relays.put(clientTx, new Relay(serverTx, from, sdp != null));
    }

    /** An answer on {@code leg} to a request relayed onto it, carried back to the leg it came from. */
    void onResponse(SipLeg leg, Relay relay, ClientTransaction clientTx, Response response) throws Exception {
        int status = response.getStatusCode();
        if (status == 100) {
            return;
        }
        Request original = relay.serverTx().getRequest();
        Response out = messages.response(original, status, response.getReasonPhrase(), relay.from());
        String sdp = LegMessages.sdpOf(response);
        if (sdp != null) {
            try {
                messages.setSdp(out, bridge.carry(leg, relay.from(), Sdp.parse(sdp)));
            } catch (SdpException e) {
                LOG.info("call {}: bad SDP in {} response: {}", leg.call.call.id(), status, e.getMessage());
            }
        } else if (!Request.INVITE.equals(original.getMethod()) && !Request.UPDATE.equals(original.getMethod())) {
            messages.copyBody(response, out);
        }
        if (status >= 200) {
            leg.call.relays.remove(clientTx);
            if (status < 300 && Request.INVITE.equals(original.getMethod())) {
                requests.ackOrAwaitAnswer(leg, response, relay.offerInRequest());
            }
        }
        relay.serverTx().sendResponse(out);
    }

    /** A request relayed on {@code leg} got no answer: 408 to the leg it came from; false if it was none. */
    boolean onTimeout(SipLeg leg, ClientTransaction clientTx) {
        Relay relay = leg.call.relays.remove(clientTx);
        if (relay == null) {
            return false;
        }
        try {
            relay.serverTx().sendResponse(messages.response(relay.serverTx().getRequest(), 408,
                    "Request Timeout", relay.from()));
        } catch (Exception e) {
            LOG.warn("call {}: timeout handling failed: {}", leg.call.call.id(), e.toString());
        }
        return true;
    }

    /** An ACK; when the other leg's 2xx made an offer, it carries the answer over there. */
    void onAck(Request ack) throws Exception {
        SipLeg leg = legs.get(LegMessages.callIdOf(ack));
        if (leg == null) {
            return;
        }
        SipLeg other = leg.other();
        if (other.ackPendingCSeq < 0) {
            return;
        }
        String sdp = LegMessages.sdpOf(ack);
        Request outAck = other.dialog.createAck(other.ackPendingCSeq);
        other.ackPendingCSeq = -1;
        if (sdp != null) {
            try {
                messages.setSdp(outAck, bridge.carry(leg, other, Sdp.parse(sdp)));
            } catch (SdpException e) {
                LOG.info("call {}: bad SDP answer in ACK: {}", leg.call.call.id(), e.getMessage());
            }
        }
        other.dialog.sendAck(outAck);
    }
}
