package io.sotto.testkit.phone;

import java.net.InetSocketAddress;

/**
 * Where and how a call sends RTP after offer/answer: the remote address and the payload types of
 * the negotiated audio codec and of telephone-event (-1 when not negotiated).
 */
record MediaTarget(InetSocketAddress destination, int audioPayloadType, int telephoneEventPayloadType) {
}
