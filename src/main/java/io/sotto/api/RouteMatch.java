package io.sotto.api;

import java.util.Map;
import java.util.Set;

import io.netty.handler.codec.http.HttpMethod;

/** What the route table says of a request's method and path. */
sealed interface RouteMatch {

    /** A route answers it; {@code pathParameters} holds its decoded {@code {name}} segments. */
    record Found(ApiEndpoint endpoint, Map<String, String> pathParameters) implements RouteMatch {
    }

    /** No route has this path. */
    record NotFound() implements RouteMatch {
    }

    /** Routes have this path but not for this method; {@code allowed} in the order they were added. */
    record MethodNotAllowed(Set<HttpMethod> allowed) implements RouteMatch {
    }
}
