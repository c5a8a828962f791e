package io.sotto.api;

/** Every route Sotto serves, in one place. */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    /** {@code GET /healthz} and {@code GET /metrics} (README, "HTTP"). */
    public static RouteTable standard(MetricsSource metrics) {
        return base(metrics).build();
    }

    /** Health, metrics and the live-call REST API with its event stream. */
    public static RouteTable all(MetricsSource metrics, CallsApi calls) {
        return calls.routes(base(metrics)).build();
    }

    /** Health, metrics, live calls, the recordings catalog and the web console over them. */
    public static RouteTable all(MetricsSource metrics, CallsApi calls, RecordingsApi recordings) {
        return ConsoleEndpoint.routes(recordings.routes(calls.routes(base(metrics)))).build();
    }

    /** Everything: as above, and the live settings for admins. */
    public static RouteTable all(MetricsSource metrics, CallsApi calls, RecordingsApi recordings, SettingsApi settings) {
        return ConsoleEndpoint.routes(settings.routes(recordings.routes(calls.routes(base(metrics))))).build();
    }

    private static RouteTable.Builder base(MetricsSource metrics) {
        return RouteTable.builder()
                .get("/healthz", new HealthEndpoint())
                .get("/metrics", new MetricsEndpoint(SottoMetrics.registry(metrics)));
    }
}
