package io.sotto.api;

import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * A request as an endpoint sees it: read whole (the body is at most
 * {@link HttpApiInitializer#MAX_BODY_BYTES}), its URI split and percent-decoded, and holding no
 * Netty buffer, so there is nothing to release.
 *
 * @param path           the path as sent, before percent-decoding, without the query
 * @param pathParameters the values of the route's {@code {name}} segments, decoded
 * @param query          the query parameters, decoded, in the order sent
 * @param body           the body's bytes (empty without one); not copied, do not change it
 */
public record ApiRequest(HttpMethod method, String path, Map<String, String> pathParameters,
                         Map<String, List<String>> query, HttpHeaders headers, byte[] body) {

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
    }

    /** The value of the route's {@code {name}} segment. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter {" + name + "}");
        }
        return value;
    }
}
