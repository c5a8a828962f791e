package io.sotto.sip;

import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderAddress;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.sotto.config.HostPort;
import io.sotto.config.PeerConfig;

/**
 * Builds the messages Sotto sends. A leg's request is built new from the other leg's, copying
 * only what identifies the parties (user parts, display names, asserted identity), so that no
 * address, tag, Call-ID or Via of one leg reaches the other (topology hiding).
 */
final class LegMessages {
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY";
    private static final List<String> IDENTITY_HEADERS = List.of("P-Asserted-Identity", "Privacy");

    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final MessageFactory messages;
    private final String host;
    private final int port;

    LegMessages(HeaderFactory headers, AddressFactory addresses, MessageFactory messages,
                String advertisedHost, int port) {
        this.headers = headers;
        this.addresses = addresses;
        this.messages = messages;
        this.host = advertisedHost;
        this.port = port;
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /**
     * The user part of a SIP or SIPS URI, or the number of a tel URI (RFC 3966; a global number
     * with its {@code +}), as trunks often write a Request-URI or P-Asserted-Identity; else null.
     */
    static String userOf(URI uri) {
        if (uri instanceof SipURI sip) {
            return sip.getUser();
        }
        if (uri instanceof TelURL tel && tel.getPhoneNumber() != null && !tel.getPhoneNumber().isEmpty()) {
            return tel.isGlobal() ? "+" + tel.getPhoneNumber() : tel.getPhoneNumber();
        }
        return null;
    }

    static String userOf(Message message, String headerName) {
        Header header = message.getHeader(headerName);
        if (header instanceof HeaderAddress address && address.getAddress() != null) {
            return userOf(address.getAddress().getURI());
        }
        return null;
    }

    /** The user of the P-Asserted-Identity header (RFC 3325), or null. */
    static String assertedUser(Message message) {
        Header header = message.getHeader("P-Asserted-Identity");
        if (header instanceof HeaderAddress address && address.getAddress() != null) {
            return userOf(address.getAddress().getURI());
        }
        return null;
    }

    static String transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null ? "udp" : via.getTransport().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The INVITE of the second leg.
     *
     * @param original the caller leg's INVITE
     * @param target   the peer the call goes to
     * @param sdp      the anchored offer, or null for a delayed offer
     */
    Request invite(Request original, PeerConfig target, String transport, CallIdHeader callId,
                   String sdp) throws ParseException, InvalidArgumentException {
        FromHeader originalFrom = (FromHeader) original.getHeader(FromHeader.NAME);
        ToHeader originalTo = (ToHeader) original.getHeader(ToHeader.NAME);
        MaxForwardsHeader originalMax = (MaxForwardsHeader) original.getHeader(MaxForwardsHeader.NAME);
        int maxForwards = originalMax == null ? 70 : originalMax.getMaxForwards() - 1;
        Request invite = invite(userOf(original.getRequestURI()), userOf(originalFrom.getAddress().getURI()),
                originalFrom.getAddress().getDisplayName(), userOf(originalTo.getAddress().getURI()),
                originalTo.getAddress().getDisplayName(), maxForwards, target, transport, callId, sdp);
        copyIdentity(original, invite);
        return invite;
    }

    /**
     * The INVITE that carries out a blind transfer: from the party who stays on the call to the
     * Refer-To target, as if that party dialled it.
     */
    Request transferInvite(String fromUser, String targetUser, PeerConfig target, String transport,
                           CallIdHeader callId, String sdp) throws ParseException, InvalidArgumentException {
        return invite(targetUser, fromUser, null, targetUser, null, 70, target, transport, callId, sdp);
    }

    private Request invite(String requestUser, String fromUser, String fromDisplay, String toUser, String toDisplay,
                           int maxForwards, PeerConfig target, String transport, CallIdHeader callId, String sdp)
            throws ParseException, InvalidArgumentException {
        HostPort to = targetOf(target);
        SipURI requestUri = addresses.createSipURI(requestUser, to.host());
        requestUri.setPort(to.port());
        if (!"udp".equals(transport)) {
            requestUri.setTransportParam(transport);
        }
        Address fromAddress = addresses.createAddress(addresses.createSipURI(fromUser, host));
        fromAddress.setDisplayName(fromDisplay);
        SipURI toUri = addresses.createSipURI(toUser, to.host());
        toUri.setPort(to.port());
        Address toAddress = addresses.createAddress(toUri);
        toAddress.setDisplayName(toDisplay);
        Request invite = messages.createRequest(requestUri, Request.INVITE, callId,
                headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(fromAddress, newTag()),
                headers.createToHeader(toAddress, null),
                List.of(via(transport)),
                headers.createMaxForwardsHeader(maxForwards));
        invite.addHeader(contact(transport));
        invite.addHeader(headers.createAllowHeader(ALLOW));
        if (sdp != null) {
            setSdp(invite, sdp);
        }
        return invite;
    }

    /**
     * A NOTIFY of the implicit subscription a REFER created (RFC 3515 section 2.4.4): the progress
     * of the transfer as a sipfrag status line; the last one ends the subscription.
     */
    Request referNotify(Dialog dialog, String statusLine, boolean last) throws SipException, ParseException,
            InvalidArgumentException {
        Request notify = dialog.createRequest(Request.NOTIFY);
        notify.setHeader(headers.createEventHeader("refer"));
        SubscriptionStateHeader state = headers.createSubscriptionStateHeader(
                last ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
        if (last) {
            state.setReasonCode(SubscriptionStateHeader.NO_RESOURCE);
        } else {
            state.setExpires(60);
        }
        notify.setHeader(state);
        notify.setContent(statusLine + "\r\n", headers.createContentTypeHeader("message", "sipfrag"));
        return notify;
    }

    /** Copies asserted identity with its host replaced by Sotto's, so no address leaks. */
    private void copyIdentity(Message from, Message to) throws ParseException {
        for (String name : IDENTITY_HEADERS) {
            ListIterator<?> values = from.getHeaders(name);
            while (values.hasNext()) {
                Header header = (Header) values.next();
                if (header instanceof HeaderAddress address && address.getAddress().getURI() instanceof SipURI uri) {
                    SipURI hidden = addresses.createSipURI(uri.getUser(), host);
                    Address value = addresses.createAddress(hidden);
                    value.setDisplayName(address.getAddress().getDisplayName());
                    to.addHeader(headers.createHeader(name, value.toString()));
                } else {
                    to.addHeader(headers.createHeader(name, valueOf(header)));
                }
            }
        }
    }

    static String valueOf(Header header) {
        String text = header.toString().trim();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(colon + 1).trim();
    }

    /** A response on a leg Sotto is the UAS of, with Sotto's tag and, where a dialog may form, Contact. */
    Response response(Request request, int status, String reason, SipLeg leg) throws ParseException {
        Response response = messages.createResponse(status, request);
        if (reason != null) {
            response.setReasonPhrase(reason);
        }
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (status > 100 && to.getTag() == null) {
            to.setTag(leg != null ? leg.localTag : newTag());
        }
        if (leg != null && status > 100 && status < 300 && Request.INVITE.equals(request.getMethod())
                || leg != null && status >= 200 && status < 300 && Request.UPDATE.equals(request.getMethod())) {
            response.addHeader(contact(leg.transport));
        }
        return response;
    }

    /**
     * 503 with Retry-After (RFC 3261 21.5.4): Sotto cannot take the request now, and the sender may
     * try again after {@code seconds}, or elsewhere.
     */
    Response busy(Request request, int seconds) throws ParseException, InvalidArgumentException {
        Response response = plain(request, 503, "Service Unavailable");
        response.setHeader(headers.createRetryAfterHeader(seconds));
        return response;
    }

    /** A stateless answer to a request no leg is created for (403 to strangers, 200 to OPTIONS). */
    Response plain(Request request, int status, String reason) throws ParseException {
        Response response = messages.createResponse(status, request);
        if (reason != null) {
            response.setReasonPhrase(reason);
        }
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (status > 100 && to.getTag() == null) {
            to.setTag(newTag());
        }
        if (status == 200 || status == 405) {
            response.addHeader(headers.createAllowHeader(ALLOW));
        }
        if (status == 200 && Request.OPTIONS.equals(request.getMethod())) {
            response.addHeader(headers.createAcceptHeader("application", "sdp"));
        }
        return response;
    }

    void setSdp(Message message, String sdp) throws ParseException {
        message.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
    }

    /** Copies a body as it is, keeping its content type (INFO, NOTIFY, MESSAGE). */
    void copyBody(Message from, Message to) throws ParseException {
        byte[] body = from.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
        if (body != null && body.length > 0 && type != null) {
            to.setContent(body, (ContentTypeHeader) type.clone());
        }
    }

    /** Copies named headers that carry meaning end to end (Event, Subscription-State, Info-Package...). */
    void copyHeaders(Message from, Message to, List<String> names) throws ParseException {
        for (String name : names) {
            ListIterator<?> values = from.getHeaders(name);
            while (values.hasNext()) {
                to.addHeader(headers.createHeader(name, valueOf((Header) values.next())));
            }
        }
    }

    /** A header of any name, e.g. {@code Refer-Sub} (RFC 4488). */
    Header header(String name, String value) throws ParseException {
        return headers.createHeader(name, value);
    }

    /** "type/subtype" of the body, or null without a Content-Type. */
    static String contentTypeOf(Message message) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        return type == null ? null : type.getContentType() + "/" + type.getContentSubType();
    }

    /** The body as UTF-8 text, or null without one. */
    static String bodyOf(Message message) {
        byte[] body = message.getRawContent();
        return body == null || body.length == 0 ? null : new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String sdpOf(Message message) {
        byte[] body = message.getRawContent();
        if (body == null || body.length == 0) {
            return null;
        }
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (type != null && !("application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType()))) {
            return null;
        }
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    static long cseqOf(Message message) {
        return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    /** The message's Call-ID, or "?" for logs when it has none. */
    static String callIdOf(Message message) {
        CallIdHeader callId = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return callId == null ? "?" : callId.getCallId();
    }

    /** {@code text} on one line, fit for a reason phrase; "" for null. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    }

    ContactHeader contact(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI("sotto", host);
        uri.setPort(port);
        if (!"udp".equals(transport)) {
            uri.setTransportParam(transport);
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    private ViaHeader via(String transport) throws ParseException, InvalidArgumentException {
        return headers.createViaHeader(host, port, transport, null);
    }

    private static HostPort targetOf(PeerConfig peer) {
        return new HostPort(peer.match().network().getHostAddress(), peer.match().sendPort());
    }
}
