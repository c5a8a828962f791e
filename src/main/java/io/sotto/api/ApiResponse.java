package io.sotto.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What an endpoint answers: a status, a media type and the whole body, plus any extra headers;
 * or, instead of the body, a stretch of a file streamed from disk. The writer adds
 * {@code Content-Length} and the keep-alive headers.
 *
 * @param body    not copied: do not change it after handing it over
 * @param headers extra headers, e.g. {@code Allow}
 * @param file    the bytes of a file to send in place of {@code body}, or null
 */
public record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers,
                          FileBody file) {
    public static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    /** {@code file}'s bytes, sent from disk without loading them into memory. */
    public static ApiResponse file(HttpResponseStatus status, String contentType, FileBody file) {
        return new ApiResponse(status, contentType, new byte[0], Map.of(), file);
    }

    public static ApiResponse of(HttpResponseStatus status, String contentType, byte[] body) {
        return new ApiResponse(status, contentType, body, Map.of());
    }

    /** {@code value} written as JSON (records, maps, lists, strings and numbers). */
    public static ApiResponse json(HttpResponseStatus status, Object value) {
        try {
            return of(status, JSON, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** The API's error shape (README, "HTTP"): {@code {"error": "<code>", "detail": "<sentence>"}}. */
    public static ApiResponse error(HttpResponseStatus status, String code, String detail) {
        return json(status, new ErrorBody(code, detail));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more, file);
    }

    /** The body as UTF-8 text, for logs and tests. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    record ErrorBody(String error, String detail) {
    }
}
