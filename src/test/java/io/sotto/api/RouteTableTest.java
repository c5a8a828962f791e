package io.sotto.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

class RouteTableTest {
    private final ApiEndpoint calls = request -> ApiResponse.of(HttpResponseStatus.OK, "text/plain", new byte[0]);
    private final ApiEndpoint call = request -> ApiResponse.of(HttpResponseStatus.OK, "text/plain", new byte[0]);
    private final ApiEndpoint action = request -> ApiResponse.of(HttpResponseStatus.OK, "text/plain", new byte[0]);
    private final RouteTable routes = RouteTable.builder()
            .get("/api/v1/calls", calls)
            .get("/api/v1/calls/{id}", call)
            .post("/api/v1/calls/{id}/recording/{action}", action)
            .build();

    @Test
    void findsTheEndpointOfALiteralPath() {
        assertThat(routes.match(HttpMethod.GET, "/api/v1/calls")).isEqualTo(new RouteMatch.Found(calls, Map.of()));
    }

    @Test
    void capturesDecodedPathParameters() {
        assertThat(routes.match(HttpMethod.POST, "/api/v1/calls/c%201/recording/pause"))
                .isEqualTo(new RouteMatch.Found(action, Map.of("id", "c 1", "action", "pause")));
    }

    @Test
    void keepsAPlusInAPathParameter() {
        assertThat(routes.match(HttpMethod.GET, "/api/v1/calls/+15550100"))
                .isEqualTo(new RouteMatch.Found(call, Map.of("id", "+15550100")));
    }

    @Test
    void namesTheAllowedMethodsOfAKnownPath() {
        assertThat(routes.match(HttpMethod.DELETE, "/api/v1/calls/7"))
                .isEqualTo(new RouteMatch.MethodNotAllowed(java.util.Set.of(HttpMethod.GET)));
    }

    @Test
    void findsNothingForUnknownEmptyOrRelativePaths() {
        assertThat(routes.match(HttpMethod.GET, "/api/v1/calls/")).isEqualTo(new RouteMatch.NotFound());
        assertThat(routes.match(HttpMethod.GET, "/api/v1/calls//recording/pause")).isEqualTo(new RouteMatch.NotFound());
        assertThat(routes.match(HttpMethod.GET, "/api/v1")).isEqualTo(new RouteMatch.NotFound());
        assertThat(routes.match(HttpMethod.GET, "*")).isEqualTo(new RouteMatch.NotFound());
    }

    @Test
    void refusesMalformedPercentEncodingInAPathParameter() {
        assertThatThrownBy(() -> routes.match(HttpMethod.GET, "/api/v1/calls/%zz"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATemplateWithAHalfParameterOrATwiceAddedRoute() {
        assertThatThrownBy(() -> RouteTable.builder().get("/calls/{id", calls))
                .hasMessageContaining("/calls/{id");
        assertThatThrownBy(() -> RouteTable.builder().get("calls", calls))
                .hasMessageContaining("does not start with /");
        assertThatThrownBy(() -> RouteTable.builder().get("/calls", calls).get("/calls", call))
                .hasMessage("GET /calls has a route already");
    }
}
