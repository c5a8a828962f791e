package io.sotto.api;

/** Every route Sotto serves, in one place. */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    /** {@code GET /healthz} and {@code GET /metrics} (SPEC 10). */
    public static RouteTable standard(MetricsSource metrics) {
        return RouteTable.builder()
                .get("/healthz", new HealthEndpoint())
                .get("/metrics", new MetricsEndpoint(SottoMetrics.registry(metrics)))
                .build();
    }
}
