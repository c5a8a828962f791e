package io.sotto.sip;

import javax.sip.ServerTransaction;

/**
 * An in-dialog request received on {@code from} and sent on to the other leg; its answers go back
 * on {@code serverTx}.
 *
 * @param offerInRequest the request carried an SDP offer (so the answer comes in the response)
 */
record Relay(ServerTransaction serverTx, SipLeg from, boolean offerInRequest) {
}
