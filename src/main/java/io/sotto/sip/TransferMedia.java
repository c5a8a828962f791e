package io.sotto.sip;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.media.MediaException;
import io.sotto.media.MediaSession;

/**
 * The new media session a REFER's transfer bridges its parties on; 503 when no ports are free.
 * Opened without waiting, as {@link RequestMedia} does: null the first time, and the REFER is
 * handled again once the session is bound.
 */
final class TransferMedia {
    private static final Logger LOG = LoggerFactory.getLogger(TransferMedia.class);

    private final RequestMedia media;
    private final LegMessages messages;

    TransferMedia(RequestMedia media, LegMessages messages) {
        this.media = media;
        this.messages = messages;
    }

    /** A new session, or null: being opened, or the REFER has been answered 503. */
    MediaSession open(RequestEvent event, ServerTransaction tx, Request refer, SipLeg from) throws Exception {
        try {
            return media.take(event, tx);
        } catch (MediaException e) {
            LOG.error("call {}: REFER: {}", from.call.call.id(), e.getMessage());
            tx.sendResponse(messages.response(refer, 503, "No Media Ports Available", from));
            return null;
        }
    }
}
