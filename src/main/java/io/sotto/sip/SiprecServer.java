package io.sotto.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.call.Agents;
import io.sotto.call.Call;
import io.sotto.call.CallConductor;
import io.sotto.call.CallRegistry;
import io.sotto.call.CallState;
import io.sotto.call.Ids;
import io.sotto.call.RecordingControl;
import io.sotto.config.LiveSettings;
import io.sotto.config.PeerConfig;
import io.sotto.config.PeerKind;
import io.sotto.config.Settings;
import io.sotto.control.Actor;
import io.sotto.control.Decision;
import io.sotto.control.RecordingAction;
import io.sotto.control.RecordingState;
import io.sotto.control.Trigger;
import io.sotto.media.MediaException;
import io.sotto.media.MediaSession;
import io.sotto.sip.sdp.RecordingAnswer;
import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpException;
import io.sotto.sip.siprec.RecordingPlan;
import io.sotto.sip.siprec.RsMetadata;
import io.sotto.sip.siprec.SiprecException;
import io.sotto.sip.siprec.SiprecOffer;

/**
 * Sotto as a SIPREC recording server (RFC 7866) for peers of kind {@code src}: a recording
 * client's INVITE (SDP and RFC 7865 metadata in {@code multipart/mixed}) becomes a call with one
 * SIP leg and a receive-only media session, answered at once with {@code recvonly} streams on
 * Sotto's ports and recorded under the same policy, control and recorder as a B2BUA call. Its
 * re-INVITEs and UPDATEs update the metadata and the streams, and pause the recording while the
 * client sends every stream {@code a=inactive}; BYE ends it. Runs on the call conductor only; the
 * session's ports are bound by {@link RequestMedia}, which hands the INVITE back once they are.
 */
final class SiprecServer {
    static final String OPTION_TAG = "siprec";
    private static final Logger LOG = LoggerFactory.getLogger(SiprecServer.class);

    private final LegMessages messages;
    private final ServerTransactions answers;
    private final Legs legs;
    private final CallRegistry registry;
    private final CallConductor conductor;
    private final RecordingControl control;
    private final RequestMedia media;
    private final LiveSettings settings;
    private final List<String> codecs;
    private final String sdpAddress;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;

    SiprecServer(LegMessages messages, ServerTransactions answers, Legs legs, CallRegistry registry,
                 CallConductor conductor, RecordingControl control, RequestMedia media, LiveSettings settings,
                 List<String> codecs, String sdpAddress, NanoClock nanoClock, EpochClock epochClock) {
        this.messages = messages;
        this.answers = answers;
        this.legs = legs;
        this.registry = registry;
        this.conductor = conductor;
        this.control = control;
        this.media = media;
        this.settings = settings;
        this.codecs = codecs;
        this.sdpAddress = sdpAddress;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
    }

    /** True for a leg of a recording session Sotto serves. */
    static boolean owns(SipLeg leg) {
        return leg != null && leg.call.siprec != null;
    }

    /**
     * A new INVITE that is Sotto's to answer as recording server: every one from an {@code src}
     * peer, and one that requires {@code siprec} from any other peer (which it refuses with 420).
     */
    static boolean takesNewInvite(Request invite, PeerConfig peer) {
        return peer.kind() == PeerKind.SRC || SiprecRequests.requiredOptions(invite).contains(OPTION_TAG);
    }

    /** A new INVITE from {@code peer}: a recording session, or the answer that says why not. */
    void onNewInvite(RequestEvent event, PeerConfig peer) throws Exception {
        Request invite = event.getRequest();
        ServerTransaction serverTx = answers.of(event);
        if (serverTx == null) {
            return;
        }
        Set<String> required = SiprecRequests.requiredOptions(invite);
        if (peer.kind() != PeerKind.SRC) {
            LOG.info("INVITE {} from {}: SIPREC is not enabled for this peer (kind {}), 420",
                    LegMessages.callIdOf(invite), peer.name(), peer.kind().name().toLowerCase(Locale.ROOT));
            serverTx.sendResponse(unsupported(invite, Set.of(OPTION_TAG)));
            return;
        }
        required.remove(OPTION_TAG);
        if (!required.isEmpty()) {
            serverTx.sendResponse(unsupported(invite, required));
            return;
        }
        if (!SiprecRequests.isRecordingSession(invite)) {
            refuse(serverTx, invite, new SiprecException(488,
                    "Not Acceptable Here: not a recording session (no Require: siprec, no +sip.src)"));
            return;
        }
        SiprecOffer offer;
        RecordingPlan plan;
        try {
            offer = SiprecOffer.parse(SiprecRequests.contentTypeValue(invite), invite.getRawContent(), codecs);
            plan = RecordingPlan.of(offer);
        } catch (SiprecException e) {
            refuse(serverTx, invite, e);
            return;
        }
        MediaSession session;
        try {
            session = media.take(event, serverTx);
        } catch (MediaException e) {
            LOG.error("SIPREC INVITE {}: {}", LegMessages.callIdOf(invite), e.getMessage());
            serverTx.sendResponse(messages.plain(invite, 503, "No Media Ports Available"));
            return;
        }
        if (session == null) {
            return; // handled again, from the start, once the ports are bound
        }
        session.receiveOnly();
        SipLeg leg = null;
        try {
            // the session keeps the settings it arrived under to its end, as a B2BUA call does
            Settings settings = this.settings.current();
            SiprecParties.Parties parties = new SiprecParties(new Agents(settings.users())).of(plan, invite);
            Call call = new Call(Ids.next(), parties.direction(), parties.caller(), parties.callee(),
                    parties.number(), session, epochClock.time(), settings);
            SipCall sipCall = new SipCall(call);
            SiprecDialog dialog = new SiprecDialog(offer.metadata(), offer.metadataXml());
            dialog.requireSiprec = SiprecRequests.requiredOptions(invite).contains(OPTION_TAG);
            sipCall.siprec = dialog;
            leg = new SipLeg(sipCall, SipLeg.Role.CALLER, LegMessages.callIdOf(invite),
                    LegMessages.transportOf(invite), LegMessages.newTag());
            leg.inviteServerTx = serverTx;
            leg.dialog = serverTx.getDialog();
            leg.initialRequest = invite;
            leg.peer = peer;
            sipCall.caller = leg;
            String answer = answerFor(leg, offer, plan);
            SiprecMedia.follow(session, offer.sdp(), plan.left(), plan.right());
            session.dtmfListener((side, digit, arrivalNanos) ->
                    conductor.submit(() -> control.digit(call, side, digit, Trigger.DTMF, arrivalNanos)));
            legs.add(leg);
            registry.add(call);
            Response ok = messages.response(invite, 200, null, leg);
            messages.setSdp(ok, answer);
            addSiprecHeaders(ok, dialog);
            serverTx.sendResponse(ok);
            call.answered(nanoClock.nanoTime(), epochClock.time());
            call.answeredBy(parties.callParties(), parties.callerAgent(), parties.calleeAgent(),
                    List.of(leg.sipCallId), codecOf(offer.sdp(), plan));
            dialog.callerId = plan.caller() == null ? null : plan.caller().id();
            dialog.calleeId = plan.callee() == null ? null : plan.callee().id();
            call.siprec(dialog.recording(offer, plan));
            LOG.info("call {}: SIPREC session {} from {}: {} {} -> {}, {} stream(s) recorded{}", call.id(),
                    offer.metadata().sessionId(), peer.name(), parties.direction().label(), parties.caller(),
                    parties.callee(), plan.right() < 0 ? 1 : 2,
                    plan.notRecorded().isEmpty() ? "" : ", " + plan.notRecorded().size() + " not recorded");
            control.answered(call);
            followClientPause(call, dialog, offer.sdp());
        } catch (SdpException e) {
            session.close();
            refuse(serverTx, invite, new SiprecException(488, "Not Acceptable Here: " + e.getMessage()));
        } catch (Exception e) {
            // whatever failed (the 200 could not be sent...), the session's ports and recording are freed
            if (leg != null && legs.contains(leg.sipCallId)) {
                end(leg, "error");
            } else {
                session.close();
            }
            throw e;
        }
    }

    /** An in-dialog request on a recording session's leg. */
    void onRequest(RequestEvent event, SipLeg leg) throws Exception {
        Request request = event.getRequest();
        if (Request.INVITE.equals(request.getMethod())
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null) {
            return; // a retransmitted initial INVITE the transaction layer let through
        }
        switch (request.getMethod()) {
            case Request.ACK -> {
                // the answer went with our 200; an ACK carries nothing Sotto needs
            }
            case Request.BYE -> {
                answers.respond(event, 200, null, leg);
                LOG.info("call {}: SIPREC session ended by the recording client", leg.call.call.id());
                end(leg, "hangup");
            }
            case Request.INVITE, Request.UPDATE -> onUpdate(event, leg);
            case Request.CANCEL -> answers.respond(event, 200, null, leg);
            case Request.OPTIONS, Request.INFO -> answers.respond(event, 200, null, leg);
            default -> answers.respond(event, 405, "Method Not Allowed", leg);
        }
    }

    /** The answer to OPTIONS from a recording client: 200 saying Sotto supports SIPREC (RFC 7866 §6.1.2). */
    Response optionsAnswer(Request options) throws Exception {
        Response ok = messages.plain(options, 200, null);
        ok.addHeader(messages.header("Supported", OPTION_TAG));
        return ok;
    }

    /** Ends every recording session (shutdown): BYE to each client, recordings closed. */
    void endAll(LegRequests requests) {
        for (SipLeg leg : legs.snapshot()) {
            if (owns(leg) && leg.call.call.state() != CallState.ENDED) {
                requests.bye(leg);
                end(leg, "hangup");
            }
        }
    }

    /** The client's ACK for our 200 never came (RFC 3261 §13.3.1.4): the session ends. */
    void onAckTimeout(SipLeg leg) {
        LOG.info("call {}: no ACK from the recording client, ending", leg.call.call.id());
        end(leg, "error");
    }

    /**
     * A re-INVITE or UPDATE (RFC 7866 §8.1.2, §9.2): new metadata, streams moved, or every recorded
     * stream inactive (the client's pause) or active again.
     */
    private void onUpdate(RequestEvent event, SipLeg leg) throws Exception {
        Request request = event.getRequest();
        ServerTransaction serverTx = answers.of(event);
        if (serverTx == null) {
            return;
        }
        SipCall sipCall = leg.call;
        SiprecDialog dialog = sipCall.siprec;
        Call call = sipCall.call;
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            // a refresh without an offer: our last answer stands
            Response ok = messages.response(request, 200, null, leg);
            addSiprecHeaders(ok, dialog);
            serverTx.sendResponse(ok);
            return;
        }
        SiprecOffer offer;
        try {
            offer = SiprecOffer.parse(SiprecRequests.contentTypeValue(request), body, codecs);
        } catch (SiprecException e) {
            // the session goes on as it was (RFC 3261 §14.2: a refused re-offer changes nothing)
            refuse(serverTx, request, e);
            return;
        }
        RsMetadata merged = offer.metadataXml() == null ? dialog.metadata : dialog.metadata.merge(offer.metadata());
        int left = indexOf(offer, dialog.leftLabel, dialog.left);
        int right = dialog.right < 0 ? -1 : indexOf(offer, dialog.rightLabel, dialog.right);
        if (left < 0 || right == left) {
            refuse(serverTx, request, new SiprecException(488, "Not Acceptable Here: the recorded streams are gone"));
            return;
        }
        RecordingPlan plan = new RecordingPlan(left, right, otherAudio(offer, left, right), null, null);
        String answer;
        try {
            answer = answerFor(leg, offer, plan);
        } catch (SdpException e) {
            refuse(serverTx, request, new SiprecException(488, "Not Acceptable Here: " + e.getMessage()));
            return;
        }
        SiprecMedia.follow(call.media(), offer.sdp(), left, right);
        dialog.left = left;
        dialog.right = right;
        dialog.metadata = merged;
        if (offer.metadataXml() != null) {
            dialog.metadataXml = offer.metadataXml();
        }
        call.siprec(dialog.recording(new SiprecOffer(offer.sdp(), merged, dialog.metadataXml), plan));
        Response ok = messages.response(request, 200, null, leg);
        messages.setSdp(ok, answer);
        addSiprecHeaders(ok, dialog);
        serverTx.sendResponse(ok);
        followClientPause(call, dialog, offer.sdp());
    }

    /**
     * RFC 7866 §8.1.2: a client pauses a recording by making its streams inactive; Sotto records that
     * as a pause ({@code how: siprec}) and resumes only a pause the client made, never an agent's.
     */
    private void followClientPause(Call call, SiprecDialog dialog, Sdp offer) {
        boolean sending = offer.directionOf(dialog.left).sends()
                || dialog.right >= 0 && offer.directionOf(dialog.right).sends();
        long now = nanoClock.nanoTime();
        if (!sending && !dialog.pausedByClient && call.recordingState() == RecordingState.RECORDING) {
            Decision decision = control.act(call, RecordingAction.PAUSE, Actor.policy(), Trigger.SIPREC,
                    "recording client paused", now);
            dialog.pausedByClient = decision instanceof Decision.Allowed;
        } else if (sending && dialog.pausedByClient) {
            dialog.pausedByClient = false;
            if (call.recordingState() == RecordingState.PAUSED) {
                control.act(call, RecordingAction.RESUME, Actor.policy(), Trigger.SIPREC,
                        "recording client resumed", now);
            }
        }
    }

    private String answerFor(SipLeg leg, SiprecOffer offer, RecordingPlan plan) {
        MediaSession session = leg.call.call.media();
        Map<Integer, Integer> ports = SiprecMedia.ports(session, plan.left(), plan.right());
        String body = RecordingAnswer.answer(offer.sdp(), sdpAddress, ports, leg.origin()).encode();
        if (leg.bumpOriginIfChanged(body)) {
            body = RecordingAnswer.answer(offer.sdp(), sdpAddress, ports, leg.origin()).encode();
            leg.bumpOriginIfChanged(body);
        }
        SiprecDialog dialog = leg.call.siprec;
        dialog.left = plan.left();
        dialog.right = plan.right();
        if (dialog.leftLabel == null) {
            dialog.leftLabel = offer.sdp().media().get(plan.left()).label();
            dialog.rightLabel = plan.right() < 0 ? null : offer.sdp().media().get(plan.right()).label();
        }
        return body;
    }

    private void end(SipLeg leg, String reason) {
        Call call = leg.call.call;
        if (call.state() != CallState.ENDED) {
            control.ended(call, reason, Trigger.HANGUP);
            call.media().close();
            call.ended();
            registry.remove(call);
        }
        forget(leg);
    }

    private void forget(SipLeg leg) {
        legs.remove(leg);
    }

    /** The recorded stream's index in a new offer: by its label, else where it was. */
    private static int indexOf(SiprecOffer offer, String label, int previous) {
        List<Integer> audio = offer.audioStreams();
        if (label != null) {
            for (int index : audio) {
                if (label.equals(offer.sdp().media().get(index).label())) {
                    return index;
                }
            }
        }
        return previous < offer.sdp().media().size() && offer.sdp().media().get(previous).isAudio() ? previous : -1;
    }

    private static List<Integer> otherAudio(SiprecOffer offer, int left, int right) {
        List<Integer> rest = new ArrayList<>(offer.audioStreams());
        rest.remove(Integer.valueOf(left));
        rest.remove(Integer.valueOf(right));
        return rest;
    }

    private static String codecOf(Sdp offer, RecordingPlan plan) {
        String codec = offer.codecOf(plan.left());
        return codec == null ? "PCMU" : codec;
    }

    private void refuse(ServerTransaction serverTx, Request request, SiprecException e) throws Exception {
        LOG.info("SIPREC {} {}: {} {}", request.getMethod(), LegMessages.callIdOf(request), e.status(), e.reason());
        Response response = messages.plain(request, e.status(), e.reason());
        if (e.status() == 415) {
            for (String type : List.of(SiprecOffer.SDP, "multipart/mixed", SiprecOffer.METADATA)) {
                response.addHeader(messages.header("Accept", type));
            }
        }
        serverTx.sendResponse(response);
    }

    /** 420 Bad Extension naming the option tags Sotto does not support (RFC 3261 §8.2.2.3). */
    private Response unsupported(Request request, Set<String> tags) throws Exception {
        Response response = messages.plain(request, 420, "Bad Extension");
        response.addHeader(messages.header("Unsupported", String.join(", ", tags)));
        return response;
    }

    private void addSiprecHeaders(Response response, SiprecDialog dialog) throws Exception {
        if (dialog.requireSiprec) {
            response.addHeader(messages.header(RequireHeader.NAME, OPTION_TAG));
        }
    }
}
