package io.sotto.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import io.sotto.call.ActionOutcome;
import io.sotto.call.CallEvent;
import io.sotto.call.CallView;
import io.sotto.call.LiveCalls;
import io.sotto.call.PauseExpiring;
import io.sotto.config.LiveSettings;
import io.sotto.config.Role;
import io.sotto.config.UserConfig;
import io.sotto.control.ActionChoices;
import io.sotto.control.Decision;
import io.sotto.control.RecordingAction;

/**
 * The live-call routes (README, "HTTP"): list and read calls, act on their recording, and stream
 * recording events, each for the bearer token's user and only over the calls that user can see.
 */
public final class CallsApi {
    /** Each open event stream holds a subscription and a socket: beyond this many, 503. */
    static final int MAX_EVENT_STREAMS = 256;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The SSE event name, and the {@code type}, of the warning that a pause ends by itself soon. */
    static final String PAUSE_EXPIRING = "pause_expiring";

    private final LiveCalls calls;
    private final ApiUsers users;
    private final AtomicInteger eventStreams = new AtomicInteger();

    public CallsApi(LiveCalls calls, LiveSettings settings) {
        this.calls = calls;
        this.users = new ApiUsers(settings);
    }

    /**
     * Adds {@code /api/v1/calls...}, {@code /api/v1/events} and {@code /api/v1/me} (who the token's
     * user is: the console tells their own calls from the others they see) to {@code routes}.
     */
    public RouteTable.Builder routes(RouteTable.Builder routes) {
        return routes
                .get("/api/v1/me", this::me)
                .get("/api/v1/calls", this::list)
                .get("/api/v1/calls/{id}", this::one)
                .post("/api/v1/calls/{id}/recording/{action}", (AsyncApiEndpoint) this::act)
                .get("/api/v1/events", new EventStreamEndpoint() {
                    @Override
                    public Optional<ApiResponse> open(ApiRequest request, EventStream stream) {
                        return events(request, stream);
                    }
                });
    }

    private ApiResponse list(ApiRequest request) {
        ApiUsers.Rules rules = users.rules();
        Optional<UserConfig> user = rules.userOf(request);
        if (user.isEmpty()) {
            return unauthorized();
        }
        List<Map<String, Object>> items = calls.calls().stream()
                .filter(call -> rules.visibility().canSee(user.get(), call)).map(call -> callJson(call, user.get()))
                .toList();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("total", items.size());
        page.put("next", null);
        return ApiResponse.json(HttpResponseStatus.OK, page);
    }

    private ApiResponse me(ApiRequest request) {
        Optional<UserConfig> user = user(request);
        if (user.isEmpty()) {
            return unauthorized();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.get().id());
        json.put("name", user.get().name() == null ? user.get().id() : user.get().name());
        json.put("role", (user.get().role() == null ? Role.AGENT : user.get().role()).name().toLowerCase(Locale.ROOT));
        json.put("extension", user.get().extension());
        return ApiResponse.json(HttpResponseStatus.OK, json);
    }

    private ApiResponse one(ApiRequest request) {
        Optional<UserConfig> user = user(request);
        if (user.isEmpty()) {
            return unauthorized();
        }
        return visibleCall(user.get(), request.pathParameter("id"))
                .map(call -> ApiResponse.json(HttpResponseStatus.OK, callJson(call, user.get())))
                .orElseGet(() -> notFound(request.pathParameter("id")));
    }

    private CompletionStage<ApiResponse> act(ApiRequest request) {
        Optional<UserConfig> user = user(request);
        if (user.isEmpty()) {
            return CompletableFuture.completedFuture(unauthorized());
        }
        String id = request.pathParameter("id");
        Optional<RecordingAction> action = RecordingAction.parse(request.pathParameter("action"));
        if (action.isEmpty()) {
            return CompletableFuture.completedFuture(ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found",
                    "There is no recording action " + request.pathParameter("action")
                            + "; use pause, resume, toggle, start or stop."));
        }
        if (visibleCall(user.get(), id).isEmpty()) {
            return CompletableFuture.completedFuture(notFound(id));
        }
        String reason;
        try {
            reason = reasonOf(request.body());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "bad_request", e.getMessage()));
        }
        return calls.act(id, action.get(), user.get(), reason)
                .handle((outcome, failure) -> failure == null ? answer(id, outcome, user.get()) : failed(failure));
    }

    private Optional<ApiResponse> events(ApiRequest request, EventStream stream) {
        Optional<UserConfig> user = users.userOf(request);
        if (user.isEmpty()) {
            return Optional.of(unauthorized());
        }
        String userId = user.get().id();
        if (eventStreams.incrementAndGet() > MAX_EVENT_STREAMS) {
            eventStreams.decrementAndGet();
            return Optional.of(ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "Too many event streams are open; try again later."));
        }
        // runs on the conductor thread: only the visibility check there, under the settings of now (a
        // stream outlives changes of who may see what); what this user may do next is decided from the
        // event's snapshot on the stream's own event loop
        AutoCloseable subscription = calls.subscribe(event -> {
            visibleTo(userId, event.call())
                    .ifPresent(now -> stream.sendLater("recording", () -> eventJson(event, now)));
        });
        AutoCloseable warnings = calls.subscribeWarnings(warning -> visibleTo(userId, warning.call())
                .ifPresent(now -> stream.send(PAUSE_EXPIRING, warningJson(warning))));
        stream.onClose(() -> {
            eventStreams.decrementAndGet();
            try {
                subscription.close();
                warnings.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return Optional.empty();
    }

    private ApiResponse answer(String id, ActionOutcome outcome, UserConfig user) {
        return switch (outcome.status()) {
            case ActionOutcome.DONE -> ApiResponse.json(HttpResponseStatus.OK, callJson(outcome.call(), user));
            case ActionOutcome.FORBIDDEN -> ApiResponse.error(HttpResponseStatus.FORBIDDEN, "forbidden", outcome.reason());
            case ActionOutcome.CONFLICT -> ApiResponse.error(HttpResponseStatus.CONFLICT, "conflict", outcome.reason());
            case ActionOutcome.NOT_FOUND -> notFound(id);
            default -> ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable", outcome.reason());
        };
    }

    /** A command the call thread could not take (overloaded) or that threw there (logged there, once). */
    private static ApiResponse failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RejectedExecutionException) {
            return ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "Sotto is too busy to act on the call now; try again.");
        }
        return ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The server failed to answer this request; its log has the cause.");
    }

    /** The optional {@code {"reason": "..."}} body; an empty body has no reason. */
    private static String reasonOf(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("The body is not valid JSON.");
        }
        if (json == null || json.isMissingNode()) {
            return null;
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object such as {\"reason\": \"...\"}.");
        }
        JsonNode reason = json.get("reason");
        if (reason == null || reason.isNull()) {
            return null;
        }
        if (!reason.isTextual()) {
            throw new IllegalArgumentException("\"reason\" must be a string.");
        }
        return reason.asText();
    }

    private Optional<UserConfig> user(ApiRequest request) {
        return users.userOf(request);
    }

    /** The user, as the settings of now have them, when they may see {@code call}. */
    private Optional<UserConfig> visibleTo(String userId, CallView call) {
        ApiUsers.Rules now = users.rules();
        return now.settings().user(userId).filter(user -> now.visibility().canSee(user, call));
    }

    private Optional<CallView> visibleCall(UserConfig user, String id) {
        return calls.call(id).filter(call -> users.rules().visibility().canSee(user, call));
    }

    static ApiResponse unauthorized() {
        return ApiResponse.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
                        "Send Authorization: Bearer <token> with a token of a configured user.")
                .withHeader(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer");
    }

    private static ApiResponse notFound(String id) {
        return ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found", "There is no live call " + id + ".");
    }

    /** The call object (README, "HTTP"), and beside it what {@code user} may do with its recording now. */
    private Map<String, Object> callJson(CallView call, UserConfig user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", call.id());
        json.put("direction", call.direction());
        json.put("caller", call.caller());
        json.put("callee", call.callee());
        json.put("agents", call.agents());
        json.put("number", call.number());
        json.put("startedAt", call.startedAt().toString());
        Map<String, Object> recording = new LinkedHashMap<>();
        recording.put("id", call.recording().id());
        recording.put("state", call.recording().state().label());
        recording.put("since", call.recording().since() == null ? null : call.recording().since().toString());
        json.put("recording", recording);
        putChoices(json, calls.choices(call, user));
        return json;
    }

    private String eventJson(CallEvent event, UserConfig user) {
        Map<String, Object> json = new LinkedHashMap<>(event.event().toMap());
        json.put("callId", event.call().id());
        json.put("recordingId", event.call().recording().id());
        putChoices(json, calls.choices(event.call(), user));
        return write(json);
    }

    /** {@code {"type": "pause_expiring", "callId", "recordingId", "resumesAt"}}: no state change, a warning. */
    private static String warningJson(PauseExpiring warning) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", PAUSE_EXPIRING);
        json.put("callId", warning.call().id());
        json.put("recordingId", warning.call().recording().id());
        json.put("resumesAt", warning.resumesAt().toString());
        return write(json);
    }

    private static String write(Map<String, Object> json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code "actions": ["pause", "toggle"]}, what a request would be granted, and {@code "denied":
     * {"stop": {"error": "forbidden", "detail": "..."}}}, every other action with the error a request
     * for it would be answered (the console's tooltip on a disabled button).
     */
    private static void putChoices(Map<String, Object> json, ActionChoices choices) {
        json.put("actions", choices.allowed().stream().map(RecordingAction::label).toList());
        Map<String, Object> denied = new LinkedHashMap<>();
        for (Map.Entry<RecordingAction, Decision.Refused> refusal : choices.denied().entrySet()) {
            denied.put(refusal.getKey().label(), Map.of(
                    "error", refusal.getValue().status() == Decision.Refused.FORBIDDEN ? "forbidden" : "conflict",
                    "detail", refusal.getValue().reason()));
        }
        json.put("denied", denied);
    }
}
