package io.sotto.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import io.sotto.catalog.AccessEntry;
import io.sotto.catalog.Catalog;
import io.sotto.catalog.CatalogEntry;
import io.sotto.catalog.RecordingPage;
import io.sotto.catalog.RecordingQuery;
import io.sotto.config.LiveSettings;
import io.sotto.config.UserConfig;

/**
 * The recordings routes (README, "HTTP") over the catalog, for the bearer token's user and under the
 * access rules of docs/configuration.md, "users" ({@link CallVisibility}): a recording one may not
 * see is 404, one they see but may not play or download is 403. Every play and download is written
 * to the catalog's access log before a byte is sent. All database and file work is the catalog
 * thread's; the event loop only writes the answer.
 */
public final class RecordingsApi {
    /** Open WAV files being sent at once; more requests get 503 instead of another file handle. */
    static final int MAX_AUDIO_STREAMS = 64;
    static final String AUDIO_WAV = "audio/wav";
    /** Recording ids are ULIDs (Crockford base32, as Sotto writes them): nothing else is looked up. */
    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    private final Catalog catalog;
    private final ApiUsers users;
    private final StreamPermits audioStreams = new StreamPermits(MAX_AUDIO_STREAMS);

    public RecordingsApi(Catalog catalog, LiveSettings settings) {
        this.catalog = catalog;
        this.users = new ApiUsers(settings);
    }

    /** Adds {@code /api/v1/recordings...} to {@code routes}. */
    public RouteTable.Builder routes(RouteTable.Builder routes) {
        return routes
                .get("/api/v1/recordings", (AsyncApiEndpoint) this::list)
                .get("/api/v1/recordings/{id}", (AsyncApiEndpoint) this::metadata)
                .get("/api/v1/recordings/{id}/audio", (AsyncApiEndpoint) this::audio)
                .get("/api/v1/recordings/{id}/access", (AsyncApiEndpoint) this::accessLog);
    }

    private CompletionStage<ApiResponse> list(ApiRequest request) {
        Optional<UserConfig> user = user(request);
        if (user.isEmpty()) {
            return done(CallsApi.unauthorized());
        }
        RecordingQuery query;
        try {
            query = RecordingFilters.parse(request.query(), access().scopeOf(user.get()));
        } catch (RecordingFilters.BadFilter e) {
            return done(ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "bad_request", e.getMessage()));
        }
        return catalog.search(query).thenApply(RecordingsApi::pageJson);
    }

    private CompletionStage<ApiResponse> metadata(ApiRequest request) {
        return visible(request, (user, recording) -> catalog.metadataJson(recording).thenApply(json -> json
                .map(bytes -> ApiResponse.of(HttpResponseStatus.OK, ApiResponse.JSON, bytes))
                .orElseGet(() -> gone(recording.recordingId()))));
    }

    private CompletionStage<ApiResponse> audio(ApiRequest request) {
        return visible(request, (user, recording) -> {
            Optional<Boolean> download = downloadParameter(request);
            if (download.isEmpty()) {
                return done(ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                        "\"download\" must be true or false."));
            }
            if (!access().canPlay(user, recording)) {
                return done(ApiResponse.error(HttpResponseStatus.FORBIDDEN, "forbidden",
                        "User " + user.id() + " may not play recording " + recording.recordingId() + "."));
            }
            if (download.get() && !access().canDownload(user, recording)) {
                return done(ApiResponse.error(HttpResponseStatus.FORBIDDEN, "forbidden",
                        "User " + user.id() + " may not download recording " + recording.recordingId() + "."));
            }
            String rangeHeader = request.headers().get(HttpHeaderNames.RANGE);
            return catalog.audioFile(recording).thenCompose(file -> {
                if (file.isEmpty()) {
                    return done(gone(recording.recordingId()));
                }
                ByteRange.Ask ask = ByteRange.of(rangeHeader, file.get().length());
                if (ask instanceof ByteRange.Unsatisfiable) {
                    return done(ApiResponse.error(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                                    "range_not_satisfiable", "The recording has " + file.get().length()
                                            + " bytes; the range asked for lies outside them.")
                            .withHeader(HttpHeaderNames.CONTENT_RANGE.toString(), "bytes */" + file.get().length())
                            .withHeader(HttpHeaderNames.ACCEPT_RANGES.toString(), "bytes"));
                }
                // the writer enforces the bound; checking here too keeps a refused stream out of the access log
                if (audioStreams.exhausted()) {
                    return done(StreamPermits.refusal());
                }
                ByteRange.Part part = ask instanceof ByteRange.Part p ? p : null;
                AccessEntry entry = new AccessEntry(recording.recordingId(), user.id(),
                        download.get() ? AccessEntry.DOWNLOAD : AccessEntry.PLAY,
                        part == null ? null : "bytes=" + part.range().first() + "-" + part.range().last(),
                        Instant.now());
                return catalog.logAccess(entry).thenApply(logged ->
                        audioResponse(recording, file.get(), part, download.get()));
            });
        });
    }

    private ApiResponse audioResponse(CatalogEntry recording, Catalog.AudioFile file, ByteRange.Part part,
                                      boolean download) {
        long offset = part == null ? 0 : part.range().first();
        long length = part == null ? file.length() : part.range().length();
        ApiResponse response = ApiResponse.file(part == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT,
                        AUDIO_WAV, new FileBody(file.path(), offset, length, audioStreams))
                .withHeader(HttpHeaderNames.ACCEPT_RANGES.toString(), "bytes")
                .withHeader(HttpHeaderNames.CONTENT_DISPOSITION.toString(),
                        (download ? "attachment" : "inline") + "; filename=\"" + DownloadName.of(recording) + "\"");
        if (part != null) {
            response = response.withHeader(HttpHeaderNames.CONTENT_RANGE.toString(),
                    part.range().contentRange(file.length()));
        }
        return response;
    }

    private CompletionStage<ApiResponse> accessLog(ApiRequest request) {
        return visible(request, (user, recording) -> {
            if (!CallVisibility.isAdmin(user)) {
                return done(ApiResponse.error(HttpResponseStatus.FORBIDDEN, "forbidden",
                        "Only admins may read who played or downloaded a recording."));
            }
            return catalog.accessLog(recording.recordingId()).thenApply(log -> {
                List<Map<String, Object>> items = log.stream().map(RecordingsApi::accessJson).toList();
                return ApiResponse.json(HttpResponseStatus.OK, page(items, items.size(), null));
            });
        });
    }

    /** Runs {@code then} for a recording the token's user may see; else 401 or 404. */
    private CompletionStage<ApiResponse> visible(ApiRequest request,
                                                 BiFunction<UserConfig, CatalogEntry, CompletionStage<ApiResponse>> then) {
        Optional<UserConfig> user = user(request);
        if (user.isEmpty()) {
            return done(CallsApi.unauthorized());
        }
        String id = request.pathParameter("id");
        if (!ULID.matcher(id).matches()) {
            return done(notFound(id));
        }
        return catalog.find(id).thenCompose(found -> {
            if (found.isEmpty() || !access().canSee(user.get(), found.get())) {
                return done(notFound(id));
            }
            return then.apply(user.get(), found.get());
        });
    }

    private static Optional<Boolean> downloadParameter(ApiRequest request) {
        List<String> values = request.query().get("download");
        if (values == null) {
            return Optional.of(false);
        }
        if (values.size() != 1) {
            return Optional.empty();
        }
        return switch (values.get(0)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private Optional<UserConfig> user(ApiRequest request) {
        return users.userOf(request);
    }

    private CallVisibility access() {
        return users.rules().visibility();
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static ApiResponse notFound(String id) {
        return ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found", "There is no recording " + id + ".");
    }

    /** Indexed, but its file is no longer on disk (removed by hand or by a retention job). */
    private static ApiResponse gone(String id) {
        return ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found",
                "Recording " + id + " is no longer on disk.");
    }

    private static ApiResponse pageJson(RecordingPage page) {
        List<Map<String, Object>> items = page.items().stream().map(RecordingsApi::recordingJson).toList();
        return ApiResponse.json(HttpResponseStatus.OK,
                page(items, page.total(), page.next() == null ? null : page.next().encode()));
    }

    private static Map<String, Object> page(List<Map<String, Object>> items, long total, String next) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("total", total);
        page.put("next", next);
        return page;
    }

    /** A listed recording: its id and the metadata fields searches filter on (the rest is at /{id}). */
    static Map<String, Object> recordingJson(CatalogEntry recording) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", recording.recordingId());
        json.put("recordingId", recording.recordingId());
        json.put("callId", recording.callId());
        json.put("direction", recording.direction());
        json.put("caller", recording.caller());
        json.put("callee", recording.callee());
        json.put("agents", recording.agents());
        json.put("number", recording.number());
        json.put("startedAt", recording.startedAt().toString());
        json.put("endedAt", recording.endedAt() == null ? null : recording.endedAt().toString());
        json.put("durationMs", recording.durationMs());
        json.put("endReason", recording.endReason());
        return json;
    }

    private static Map<String, Object> accessJson(AccessEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recordingId", entry.recordingId());
        json.put("who", entry.userId());
        json.put("action", entry.action());
        json.put("range", entry.range());
        json.put("at", entry.at().toString());
        return json;
    }
}
