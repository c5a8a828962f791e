package io.sotto.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Which endpoint answers which method and path. A path template is literal segments and
 * {@code {name}} segments, each of which matches one non-empty segment of the request's path
 * ({@code /api/v1/calls/{id}}). Routes are tried in the order added and the first whose method
 * and template match wins, so add a literal path before a template that would also match it.
 * Immutable once built; safe to share between event loops.
 */
public final class RouteTable {
    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param rawPath the request's path as sent (percent-encoded), without the query
     * @throws IllegalArgumentException if a segment captured by {@code {name}} has a malformed
     *                                  percent-encoding
     */
    RouteMatch match(HttpMethod method, String rawPath) {
        String[] segments = segments(rawPath);
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (!route.matches(segments)) {
                continue;
            }
            if (route.method.equals(method)) {
                return new RouteMatch.Found(route.endpoint, route.parameters(segments));
            }
            allowed.add(route.method);
        }
        return allowed.isEmpty() ? new RouteMatch.NotFound() : new RouteMatch.MethodNotAllowed(allowed);
    }

    /** "/a/b" → [a, b]; "/" → [""]; a path not starting with "/" (e.g. "*") matches no route. */
    private static String[] segments(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        return path.substring(1).split("/", -1);
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        public Builder get(String pathTemplate, ApiEndpoint endpoint) {
            return route(HttpMethod.GET, pathTemplate, endpoint);
        }

        public Builder post(String pathTemplate, ApiEndpoint endpoint) {
            return route(HttpMethod.POST, pathTemplate, endpoint);
        }

        /** @throws IllegalArgumentException if the template is malformed or already has a route for {@code method} */
        public Builder route(HttpMethod method, String pathTemplate, ApiEndpoint endpoint) {
            String[] segments = segments(pathTemplate);
            if (segments == null) {
                throw new IllegalArgumentException("path template " + pathTemplate + " does not start with /");
            }
            for (String segment : segments) {
                boolean opens = segment.startsWith("{");
                boolean closes = segment.endsWith("}");
                if (opens != closes || (opens && segment.length() < 3) || segment.indexOf('{', 1) >= 0) {
                    throw new IllegalArgumentException("path template " + pathTemplate
                            + ": a segment is either literal or a whole {name}");
                }
            }
            for (Route route : routes) {
                if (route.method.equals(method) && route.template.equals(pathTemplate)) {
                    throw new IllegalArgumentException(method + " " + pathTemplate + " has a route already");
                }
            }
            routes.add(new Route(method, pathTemplate, segments, endpoint));
            return this;
        }

        public RouteTable build() {
            return new RouteTable(routes);
        }
    }

    private record Route(HttpMethod method, String template, String[] segments, ApiEndpoint endpoint) {

        boolean matches(String[] path) {
            if (path == null || path.length != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                boolean ok = isParameter(segments[i]) ? !path[i].isEmpty() : segments[i].equals(path[i]);
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        Map<String, String> parameters(String[] path) {
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < segments.length; i++) {
                if (isParameter(segments[i])) {
                    String name = segments[i].substring(1, segments[i].length() - 1);
                    // in a path '+' is itself (a number such as +15550100), not the query's space
                    parameters.put(name, QueryStringDecoder.decodeComponent(path[i].replace("+", "%2B")));
                }
            }
            return parameters;
        }

        private static boolean isParameter(String segment) {
            return segment.startsWith("{");
        }
    }
}
