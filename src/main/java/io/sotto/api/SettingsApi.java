package io.sotto.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import io.sotto.catalog.SettingsAuditEntry;
import io.sotto.catalog.SettingsAuditPage;
import io.sotto.catalog.SettingsCatalog;
import io.sotto.config.ConfigException;
import io.sotto.config.NumberConfig;
import io.sotto.config.Settings;
import io.sotto.config.SettingsDocument;
import io.sotto.config.SettingsScope;
import io.sotto.config.SettingsTree;
import io.sotto.config.UserConfig;

/**
 * The live settings for admins (docs/configuration.md, "Live settings"): read and change the
 * company defaults, a number's rule and a user's overrides, and read the audit of every change.
 * A change is checked by the config file's own rules, so a mistake gets the message the file would
 * get, naming the key ({@code 400}); it is stored and published on the catalog thread, and the
 * answer goes out once calls that start from then on follow it.
 *
 * <p>To anyone but an admin these routes do not exist: {@code 404} with the body of any unknown
 * path, as a call or recording one may not see is {@code 404}, so an agent learns nothing of them.
 */
public final class SettingsApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    private final SettingsCatalog catalog;
    private final ApiUsers users;

    public SettingsApi(SettingsCatalog catalog) {
        this.catalog = catalog;
        this.users = new ApiUsers(catalog.live());
    }

    /** Adds {@code /api/v1/settings...} to {@code routes}. */
    public RouteTable.Builder routes(RouteTable.Builder routes) {
        return routes
                .get("/api/v1/settings", admin(this::all))
                .get("/api/v1/settings/audit", (AsyncApiEndpoint) this::audit)
                .get("/api/v1/settings/company", admin(settings -> SettingsTree.document(settings.company())))
                .route(HttpMethod.PUT, "/api/v1/settings/company",
                        (AsyncApiEndpoint) request -> change(request, SettingsScope.COMPANY, SettingsDocument.COMPANY_KEY))
                .get("/api/v1/settings/numbers/{number}", (ApiEndpoint) this::number)
                .route(HttpMethod.PUT, "/api/v1/settings/numbers/{number}", (AsyncApiEndpoint) request ->
                        change(request, SettingsScope.NUMBER, request.pathParameter("number")))
                .get("/api/v1/settings/users/{id}", (ApiEndpoint) this::user)
                .route(HttpMethod.PUT, "/api/v1/settings/users/{id}", (AsyncApiEndpoint) request ->
                        change(request, SettingsScope.USER, request.pathParameter("id")));
    }

    private ApiEndpoint admin(Function<Settings, Object> body) {
        return request -> {
            Optional<ApiResponse> refused = refusal(request);
            return refused.orElseGet(() -> ApiResponse.json(HttpResponseStatus.OK, body.apply(users.rules().settings())));
        };
    }

    private Map<String, Object> all(Settings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("company", SettingsTree.document(settings.company()));
        json.put("numbers", settings.numbers().stream().map(SettingsTree::view).toList());
        json.put("users", settings.users().stream().map(SettingsTree::view).toList());
        return json;
    }

    private ApiResponse number(ApiRequest request) {
        Optional<ApiResponse> refused = refusal(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        String number = request.pathParameter("number");
        NumberConfig found = users.rules().settings().number(number);
        return found == null ? noSuch(SettingsScope.NUMBER, number)
                : ApiResponse.json(HttpResponseStatus.OK, SettingsTree.view(found));
    }

    private ApiResponse user(ApiRequest request) {
        Optional<ApiResponse> refused = refusal(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        String id = request.pathParameter("id");
        return users.rules().settings().user(id)
                .map(found -> ApiResponse.json(HttpResponseStatus.OK, SettingsTree.view(found)))
                .orElseGet(() -> noSuch(SettingsScope.USER, id));
    }

    private CompletionStage<ApiResponse> change(ApiRequest request, SettingsScope scope, String key) {
        Optional<ApiResponse> refused = refusal(request);
        if (refused.isPresent()) {
            return done(refused.get());
        }
        String who = users.userOf(request).orElseThrow().id();
        JsonNode change;
        try {
            change = JSON.readTree(request.body());
        } catch (IOException e) {
            return done(badRequest("The body is not valid JSON."));
        }
        if (change == null || !change.isObject()) {
            return done(badRequest("The body must be a JSON object of the settings to change, such as"
                    + " {\"download\": true}."));
        }
        return catalog.change(scope, key, change, who).handle((edit, failure) -> {
            if (failure == null) {
                return ApiResponse.json(HttpResponseStatus.OK, viewOf(edit.settings(), scope, key));
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof ConfigException invalid) {
                return badRequest(invalid.getMessage());
            }
            if (cause instanceof NoSuchElementException) {
                return noSuch(scope, key);
            }
            return ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "The settings could not be stored; nothing was changed. Try again.");
        });
    }

    private CompletionStage<ApiResponse> audit(ApiRequest request) {
        Optional<ApiResponse> refused = refusal(request);
        if (refused.isPresent()) {
            return done(refused.get());
        }
        int limit;
        String cursor;
        try {
            limit = limitOf(request.query().get("limit"));
            cursor = cursorOf(request.query().get("cursor"));
        } catch (IllegalArgumentException e) {
            return done(badRequest(e.getMessage()));
        }
        return catalog.audit(cursor, limit).handle((page, failure) -> failure == null
                ? ApiResponse.json(HttpResponseStatus.OK, pageJson(page))
                : ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                        "The settings audit cannot be read now. Try again."));
    }

    /** 401 without a user; the unknown-path 404 for anyone but an admin. */
    private Optional<ApiResponse> refusal(ApiRequest request) {
        Optional<UserConfig> user = users.userOf(request);
        if (user.isEmpty()) {
            return Optional.of(CallsApi.unauthorized());
        }
        if (!CallVisibility.isAdmin(user.get())) {
            return Optional.of(ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found",
                    "Nothing is served at " + request.path() + "."));
        }
        return Optional.empty();
    }

    private static Object viewOf(Settings settings, SettingsScope scope, String key) {
        return switch (scope) {
            case COMPANY -> SettingsTree.document(settings.company());
            case NUMBER -> SettingsTree.view(settings.number(key));
            case USER -> SettingsTree.view(settings.user(key).orElseThrow());
        };
    }

    private static int limitOf(List<String> values) {
        if (values == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = values.size() == 1 ? Integer.parseInt(values.get(0)) : -1;
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("\"limit\" must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    private static String cursorOf(List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() != 1 || !ULID.matcher(values.get(0)).matches()) {
            throw new IllegalArgumentException("\"cursor\" must be the \"next\" of the page before.");
        }
        return values.get(0);
    }

    private static Map<String, Object> pageJson(SettingsAuditPage page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(SettingsApi::auditJson).toList());
        json.put("total", page.total());
        json.put("next", page.next());
        return json;
    }

    private static Map<String, Object> auditJson(SettingsAuditEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        json.put("at", entry.at().toString());
        json.put("who", entry.who());
        json.put("scope", entry.scope().label());
        json.put("key", entry.key());
        json.put("before", entry.before());
        json.put("after", entry.after());
        return json;
    }

    private static ApiResponse noSuch(SettingsScope scope, String key) {
        return ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found", "There is no " + scope.label() + " "
                + key + " in the config; numbers and users are added in the config file.");
    }

    private static ApiResponse badRequest(String detail) {
        return ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "bad_request", detail);
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
