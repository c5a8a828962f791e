package io.sotto.sip;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every live leg by its own SIP Call-ID: those of calls, of transfers under way, and those
 * winding down after their call ended (a CANCEL waiting for the 487). Changed on the call
 * conductor only; its size is also published for other threads, as a leak check.
 */
final class Legs {
    private final Map<String, SipLeg> byCallId = new HashMap<>();
    private volatile int size;

    SipLeg get(String sipCallId) {
        return byCallId.get(sipCallId);
    }

    boolean contains(String sipCallId) {
        return byCallId.containsKey(sipCallId);
    }

    void add(SipLeg leg) {
        byCallId.put(leg.sipCallId, leg);
        size = byCallId.size();
    }

    void remove(SipLeg leg) {
        byCallId.remove(leg.sipCallId, leg);
        size = byCallId.size();
    }

    List<SipLeg> snapshot() {
        return List.copyOf(byCallId.values());
    }

    /** How many legs are held; safe from any thread. */
    int size() {
        return size;
    }
}
