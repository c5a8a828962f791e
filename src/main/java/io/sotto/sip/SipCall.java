package io.sotto.sip;

import java.util.IdentityHashMap;
import java.util.Map;

import javax.sip.ClientTransaction;

import io.sotto.call.Call;
import io.sotto.call.CallConductor;

/** The two legs of one call and the in-dialog requests relayed between them. */
final class SipCall {
    final Call call;
    SipLeg caller;
    SipLeg callee;
    /** A SIPREC recording session's state (Sotto its recording server, one leg only), else null. */
    SiprecDialog siprec;
    /** Requests relayed from one leg to the other, by the transaction that carries them onward. */
    final Map<ClientTransaction, Relay> relays = new IdentityHashMap<>();
    /** The next dialog probe ({@link DialogProbes}), cancelled when the call ends so that it lets go of the call. */
    CallConductor.Timer probeTimer;

    SipCall(Call call) {
        this.call = call;
    }
}
