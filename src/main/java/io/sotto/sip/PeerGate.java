package io.sotto.sip;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.SipProvider;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.message.SIPRequest;

import io.sotto.call.Routing;
import io.sotto.config.PeerConfig;

/** Only configured peers may send anything (no open relay): others get 403 and no state. */
final class PeerGate {
    private static final Logger LOG = LoggerFactory.getLogger(PeerGate.class);

    private final Routing routing;
    private final SipProvider provider;
    private final LegMessages messages;
    private final AtomicLong forbidden = new AtomicLong();

    PeerGate(Routing routing, SipProvider provider, LegMessages messages) {
        this.routing = routing;
        this.provider = provider;
        this.messages = messages;
    }

    /** True when a configured peer sent {@code request}; else it is refused and counted. */
    boolean admits(Request request) throws Exception {
        if (fromPeer(request)) {
            return true;
        }
        InetAddress source = ((SIPRequest) request).getPeerPacketSourceAddress();
        int port = portOf(request);
        // an ACK cannot be answered: it is the stranger acknowledging our 403, dropped uncounted
        if (!Request.ACK.equals(request.getMethod())) {
            forbidden.incrementAndGet();
            LOG.warn("{} from {}:{} refused: not a configured peer", request.getMethod(),
                    source == null ? "?" : source.getHostAddress(), port);
            provider.sendResponse(messages.plain(request, 403, "Forbidden"));
        }
        return false;
    }

    /** Whether a configured peer sent {@code request}; answers nothing and is safe from any thread. */
    boolean fromPeer(Request request) {
        InetAddress source = ((SIPRequest) request).getPeerPacketSourceAddress();
        return source != null && routing.peerOf(source, portOf(request)).isPresent();
    }

    /** The peer that sent a request {@link #admits admitted}. */
    PeerConfig peerOf(Request request) {
        return routing.peerOf(((SIPRequest) request).getPeerPacketSourceAddress(), portOf(request)).orElseThrow();
    }

    /** Requests refused because they came from no configured peer. */
    long forbiddenCount() {
        return forbidden.get();
    }

    private static int portOf(Request request) {
        // over a connection the source port is ephemeral: the Via sent-by names the peer's port
        return "udp".equals(LegMessages.transportOf(request)) ? ((SIPRequest) request).getPeerPacketSourcePort()
                : ((ViaHeader) request.getHeader(ViaHeader.NAME)).getPort();
    }
}
