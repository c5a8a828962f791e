package io.sotto.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.media.MediaException;
import io.sotto.media.MediaRelay;
import io.sotto.media.MediaSession;

/** The new media session a REFER's transfer bridges its parties on; 503 when no ports are free. */
final class TransferMedia {
    private static final Logger LOG = LoggerFactory.getLogger(TransferMedia.class);

    private final MediaRelay media;
    private final LegMessages messages;

    TransferMedia(MediaRelay media, LegMessages messages) {
        this.media = media;
        this.messages = messages;
    }

    /** A new session, or null once the REFER has been answered 503. */
    MediaSession open(ServerTransaction tx, Request refer, SipLeg from) throws Exception {
        try {
            return media.open();
        } catch (MediaException e) {
            LOG.error("call {}: REFER: {}", from.call.call.id(), e.getMessage());
            tx.sendResponse(messages.response(refer, 503, "No Media Ports Available", from));
            return null;
        }
    }
}
