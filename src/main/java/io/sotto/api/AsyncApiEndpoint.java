package io.sotto.api;

import java.util.concurrent.CompletionStage;

/**
 * An endpoint whose answer comes from another thread (e.g. the call conductor). The handler
 * stops reading the connection until the answer is written, so answers keep request order, and
 * answers {@code 503} if it takes longer than {@link HttpApiHandler#ASYNC_TIMEOUT_SECONDS}.
 */
@FunctionalInterface
public interface AsyncApiEndpoint extends ApiEndpoint {
    CompletionStage<ApiResponse> handleAsync(ApiRequest request);

    @Override
    default ApiResponse handle(ApiRequest request) {
        throw new UnsupportedOperationException("an async endpoint answers through handleAsync");
    }
}
