package io.sotto.sip;

import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;

import io.sotto.sip.siprec.SiprecOffer;

/**
 * What a request says about SIPREC (RFC 7866 §6.1.1): its required option tags, the recording
 * client's feature tag, its body type.
 */
final class SiprecRequests {
    /** A recording client's Contact carries this feature tag. */
    private static final String SRC_FEATURE = "+sip.src";

    private SiprecRequests() {
    }

    /**
     * Whether an INVITE says it opens a recording session: {@code Require: siprec}, {@code +sip.src}
     * in its Contact, or a multipart or metadata body.
     */
    static boolean isRecordingSession(Request invite) {
        String type = contentTypeOf(invite);
        return requiredOptions(invite).contains(SiprecServer.OPTION_TAG) || fromRecordingClient(invite)
                || type != null && (type.startsWith("multipart/") || type.equals(SiprecOffer.METADATA));
    }

    /** The option tags of every Require header, lower case. */
    static Set<String> requiredOptions(Request request) {
        Set<String> tags = new TreeSet<>();
        ListIterator<?> headers = request.getHeaders(RequireHeader.NAME);
        while (headers != null && headers.hasNext()) {
            for (String tag : LegMessages.valueOf((Header) headers.next()).split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return tags;
    }

    private static boolean fromRecordingClient(Request invite) {
        ContactHeader contact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        return contact != null && contact.toString().toLowerCase(Locale.ROOT).contains(SRC_FEATURE);
    }

    private static String contentTypeOf(Request request) {
        String type = LegMessages.contentTypeOf(request);
        return type == null ? null : type.toLowerCase(Locale.ROOT);
    }

    /** The whole Content-Type value, parameters and quoting as sent (the boundary is read from it). */
    static String contentTypeValue(Request request) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        return type == null ? null : LegMessages.valueOf(type);
    }
}
