package io.sotto.api;

import java.util.Optional;

/**
 * An endpoint that answers with a server-sent event stream (text/event-stream) kept open until
 * the client goes away: {@link #open} either refuses with a response, or returns empty after
 * attaching a source to the stream.
 */
public interface EventStreamEndpoint extends ApiEndpoint {
    /** A refusal (e.g. 401), or empty to accept: the stream is then live and {@code stream} may be written. */
    Optional<ApiResponse> open(ApiRequest request, EventStream stream);

    @Override
    default ApiResponse handle(ApiRequest request) {
        throw new UnsupportedOperationException("an event stream endpoint answers through open");
    }
}
