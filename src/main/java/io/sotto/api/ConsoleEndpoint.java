package io.sotto.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /} (the console's page) and {@code GET /console/{asset}} (its scripts, style and
 * icon). No token is needed: the files hold no data; everything they show comes from the REST
 * API with the user's own bearer token. Every answer forbids what the page never needs (inline
 * script and style, other origins, framing, MIME sniffing) and is revalidated on each load, so a
 * new jar's console replaces the old at once.
 */
final class ConsoleEndpoint implements ApiEndpoint {
    /**
     * Scripts, styles and icons from this origin only; fetch() to this origin only (the REST API);
     * audio from the blob: URLs the console makes of the WAVs it fetched with the token.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; media-src blob:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final ConsoleAssets assets;

    ConsoleEndpoint(ConsoleAssets assets) {
        this.assets = assets;
    }

    /** Adds {@code /} and {@code /console/{asset}} to {@code routes}. */
    static RouteTable.Builder routes(RouteTable.Builder routes) {
        ConsoleEndpoint console = new ConsoleEndpoint(ConsoleAssets.load());
        return routes.get("/", console).get("/console/{asset}", console);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String name = request.pathParameters().getOrDefault("asset", ConsoleAssets.INDEX);
        return assets.find(name)
                .map(asset -> ApiResponse.of(HttpResponseStatus.OK, asset.contentType(), asset.body())
                        .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), "no-cache")
                        .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .withHeader("X-Content-Type-Options", "nosniff")
                        .withHeader("Referrer-Policy", "no-referrer")
                        .withHeader(HttpHeaderNames.X_FRAME_OPTIONS.toString(), "DENY"))
                .orElseGet(() -> ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found",
                        "The web console has no file " + name + "."));
    }
}
