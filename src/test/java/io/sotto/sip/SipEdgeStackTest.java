package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.SipStackImpl;

class SipEdgeStackTest {
    @Test
    void letsEndedTransactionsAndAckedDialogsDropTheirParsedMessages() throws Exception {
        SipStackImpl stack = new BranchMatchedSipStack(SipEdge.stackProperties("127.0.0.1", 5060));
        try {
            assertThat(stack.getReleaseReferencesStrategy()).isEqualTo(ReleaseReferencesStrategy.Normal);
        } finally {
            stack.stop();
        }
    }
}
