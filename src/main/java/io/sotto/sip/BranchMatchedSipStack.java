package io.sotto.sip;

import java.util.Properties;

import javax.sip.PeerUnavailableException;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.ServerResponseInterface;

/**
 * JAIN-SIP's stack, matching a response to its client transaction by branch alone when the
 * branch is RFC 3261's (starts with the magic cookie; RFC 3261 section 17.1.3).
 *
 * <p>The RI looks a response up by its branch and, when no transaction has it, also compares it
 * with every client transaction in the table, for RFC 2543 peers whose branches are not unique.
 * A response whose transaction has ended is common: each retransmission of a callee's 2xx comes
 * after the INVITE's client transaction ended with the first (RFC 3261 section 17.1.1.2), and
 * under load, when an ACK is late, there are many. Each then cost a pass over every client
 * transaction on the stack's one message thread (docs/architecture.md, "Known limits"). A
 * magic-cookie branch no transaction has cannot match one, so such a response goes straight to
 * where the RI sends it after a fruitless pass: the dialog layer, which ACKs a 2xx again.
 */
final class BranchMatchedSipStack extends SipStackImpl {
    BranchMatchedSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
    }

    @Override
    public ServerResponseInterface newSIPServerResponse(SIPResponse response, MessageChannel channel) {
        String key = response.getTransactionId();
        if (sipMessageValves.isEmpty() && key.startsWith(SIPConstants.BRANCH_MAGIC_COOKIE_LOWER_CASE)
                && findTransaction(key, false) == null) {
            return sipMessageFactory.newSIPServerResponse(response, channel);
        }
        return super.newSIPServerResponse(response, channel);
    }
}
