package io.sotto.api;

import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.HttpResponseStatus;

/** {@code GET /healthz}: liveness. Answering at all is the check: the HTTP edge and its threads are up. */
final class HealthEndpoint implements ApiEndpoint {
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.of(HttpResponseStatus.OK, ApiResponse.JSON, OK);
    }
}
