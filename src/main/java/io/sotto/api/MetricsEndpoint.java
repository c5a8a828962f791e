package io.sotto.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code GET /metrics}: scrapes the registry and writes Prometheus text format 0.0.4. */
final class MetricsEndpoint implements ApiEndpoint {
    /** {@code text/plain; version=0.0.4; charset=utf-8} */
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    private static final int INITIAL_BUFFER_BYTES = 8 * 1024;

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsEndpoint(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
        try {
            writer.write(text, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics to memory", e);
        }
        return ApiResponse.of(HttpResponseStatus.OK, CONTENT_TYPE, text.toByteArray());
    }
}
