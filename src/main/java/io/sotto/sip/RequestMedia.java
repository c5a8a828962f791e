package io.sotto.sip;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import io.sotto.call.CallConductor;
import io.sotto.media.MediaException;
import io.sotto.media.MediaOpener;
import io.sotto.media.MediaOpening;
import io.sotto.media.MediaSession;

/**
 * The media session a request needs (a new call's INVITE, a transfer's REFER or INVITE with
 * Replaces), without the conductor waiting for its ports to be bound.
 *
 * <p>The first time a handler asks ({@link #take}), the session is opened on a media event loop and
 * the handler returns. When the relay reports back (a completion on the conductor), the request
 * is handled again from the start, with the same server transaction, and this time {@link #take}
 * hands over the bound session or throws why there is none. Handling it again re-checks every
 * condition against the calls as they are then (a transfer begun meanwhile, a call ended), so no
 * handler carries half-done state across the wait. A session the second run does not take (it
 * refused the request after all) is closed. A request whose transaction was answered meanwhile
 * (a CANCEL of an INVITE, see {@link #cancel}) is not handled again.
 */
final class RequestMedia {
    private final MediaOpener relay;
    private final CallConductor conductor;
    /** Opened sessions (or why none) waiting for their request's second run. */
    private final Map<Request, Object> ready = new IdentityHashMap<>();
    /** INVITEs whose session is being opened, by Call-ID: a CANCEL must find them. */
    private final Map<String, ServerTransaction> opening = new HashMap<>();
    private Consumer<RequestEvent> handler;

    RequestMedia(MediaOpener relay, CallConductor conductor) {
        this.relay = relay;
        this.conductor = conductor;
    }

    /** Who handles a request again once its session is bound: the B2BUA's request entry point. */
    void handler(Consumer<RequestEvent> handler) {
        this.handler = handler;
    }

    /**
     * The bound session for {@code event}'s request, or null when it is being opened: the caller
     * returns and is called again with the request once it is.
     *
     * @throws MediaException on the second run, if no session could be opened
     */
    MediaSession take(RequestEvent event, ServerTransaction tx) throws MediaException {
        Request request = event.getRequest();
        Object result = ready.remove(request);
        if (result instanceof MediaSession session) {
            return session;
        }
        if (result instanceof MediaException failure) {
            throw failure;
        }
        String callId = LegMessages.callIdOf(request);
        boolean invite = Request.INVITE.equals(request.getMethod());
        if (invite) {
            opening.put(callId, tx);
        }
        relay.open(conductor.completions(), new MediaOpening() {
            @Override
            public void opened(MediaSession session) {
                handleAgain(event, tx, callId, invite, session);
            }

            @Override
            public void failed(MediaException cause) {
                handleAgain(event, tx, callId, invite, cause);
            }
        });
        return null;
    }

    /** Whether {@code request} is being handled again, its session's outcome waiting for {@link #take}. */
    boolean handlingAgain(Request request) {
        return ready.containsKey(request);
    }

    /**
     * A CANCEL of an INVITE whose session is still being opened: its transaction, which the
     * caller answers 487, after which the INVITE is not handled again; null if there is none.
     */
    ServerTransaction cancel(String callId) {
        return opening.remove(callId);
    }

    private void handleAgain(RequestEvent event, ServerTransaction tx, String callId, boolean invite, Object result) {
        if (invite && opening.get(callId) == tx) {
            opening.remove(callId);
        }
        if (ServerTransactions.answered(tx)) {
            closeIfSession(result);
            return;
        }
        Request request = event.getRequest();
        ready.put(request, result);
        try {
            handler.accept(new RequestEvent(event.getSource(), tx, event.getDialog(), request));
        } finally {
            closeIfSession(ready.remove(request));
        }
    }

    private static void closeIfSession(Object result) {
        if (result instanceof MediaSession session) {
            session.close();
        }
    }
}
