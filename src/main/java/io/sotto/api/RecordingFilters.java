package io.sotto.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sotto.catalog.PageCursor;
import io.sotto.catalog.RecordingQuery;
import io.sotto.catalog.VisibilityScope;

/**
 * The query of {@code GET /api/v1/recordings}: {@code from}, {@code to} (ISO-8601 instants on
 * {@code startedAt}, from inclusive, to exclusive), {@code agent} (a user id), {@code number}
 * (the company number, caller or callee), {@code direction}, {@code limit} (1 to
 * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) and {@code cursor} (the {@code next} of
 * the page before). Anything else, or a parameter given twice, is refused so a typo cannot pass
 * for "no filter".
 */
final class RecordingFilters {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Set<String> NAMES = Set.of("from", "to", "agent", "number", "direction", "limit", "cursor");
    private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound", "internal");

    private RecordingFilters() {
    }

    /** A bad parameter; its message is the sentence for the client. */
    static final class BadFilter extends Exception {
        BadFilter(String detail) {
            super(detail, null, false, false);
        }
    }

    static RecordingQuery parse(Map<String, List<String>> query, VisibilityScope scope) throws BadFilter {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!NAMES.contains(parameter.getKey())) {
                throw new BadFilter("Unknown parameter \"" + parameter.getKey()
                        + "\"; use from, to, agent, number, direction, limit or cursor.");
            }
            if (parameter.getValue().size() != 1) {
                throw new BadFilter("Give \"" + parameter.getKey() + "\" once.");
            }
        }
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadFilter("\"from\" must be before \"to\".");
        }
        String direction = text(query, "direction");
        if (direction != null && !DIRECTIONS.contains(direction)) {
            throw new BadFilter("\"direction\" must be inbound, outbound or internal.");
        }
        String cursorText = text(query, "cursor");
        PageCursor cursor = null;
        if (cursorText != null) {
            cursor = PageCursor.decode(cursorText)
                    .orElseThrow(() -> new BadFilter("\"cursor\" is not the \"next\" of an earlier page."));
        }
        return new RecordingQuery(scope, from, to, text(query, "agent"), number(query), direction,
                limit(query), cursor);
    }

    /**
     * A query decodes an unencoded {@code +} as a space (HTML forms), and numbers are E.164 with a
     * leading {@code +}: a leading space is taken for the {@code +} a client did not encode.
     */
    private static String number(Map<String, List<String>> query) throws BadFilter {
        String number = text(query, "number");
        if (number != null && number.startsWith(" ")) {
            number = "+" + number.substring(1);
        }
        if (number != null && number.isBlank()) {
            throw new BadFilter("\"number\" must not be empty.");
        }
        return number;
    }

    private static int limit(Map<String, List<String>> query) throws BadFilter {
        String text = text(query, "limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadFilter("\"limit\" must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    private static Instant instant(Map<String, List<String>> query, String name) throws BadFilter {
        String text = text(query, name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new BadFilter("\"" + name + "\" must be an ISO-8601 instant such as 2026-11-22T08:56:41Z.");
            }
        }
    }

    private static String text(Map<String, List<String>> query, String name) throws BadFilter {
        List<String> values = query.get(name);
        if (values == null) {
            return null;
        }
        String value = values.get(0);
        if (value.isEmpty()) {
            throw new BadFilter("\"" + name + "\" must not be empty.");
        }
        return value;
    }
}
