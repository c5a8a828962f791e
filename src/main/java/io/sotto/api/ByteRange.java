package io.sotto.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range of a {@code Range: bytes=...} header (RFC 9110 §14.1.2) resolved against a
 * file's length. A header that is not one valid byte range (several ranges, another unit, bad
 * syntax) is ignored and the whole file is sent, as RFC 9110 §14.2 allows.
 *
 * @param first the first byte, from 0
 * @param last  the last byte, inclusive
 */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=([0-9]{0,18})-([0-9]{0,18})", Pattern.CASE_INSENSITIVE);

    /** What a {@code Range} header asks of a file of {@code length} bytes. */
    sealed interface Ask {
    }

    /** No range, or one to ignore: the whole file, 200. */
    record Whole() implements Ask {
    }

    /** A part of the file, 206. */
    record Part(ByteRange range) implements Ask {
    }

    /** A range that lies outside the file, 416. */
    record Unsatisfiable() implements Ask {
    }

    long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/length}, for {@code Content-Range}. */
    String contentRange(long fileLength) {
        return "bytes " + first + "-" + last + "/" + fileLength;
    }

    static Ask of(String header, long length) {
        if (header == null) {
            return new Whole();
        }
        Matcher match = SINGLE.matcher(header.trim());
        if (!match.matches() || (match.group(1).isEmpty() && match.group(2).isEmpty())) {
            return new Whole();
        }
        if (match.group(1).isEmpty()) {
            long suffix = Long.parseLong(match.group(2));
            if (suffix == 0 || length == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, length - suffix), length - 1));
        }
        long first = Long.parseLong(match.group(1));
        long last = match.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(match.group(2));
        if (last < first) {
            return new Whole();
        }
        if (first >= length) {
            return new Unsatisfiable();
        }
        return new Part(new ByteRange(first, Math.min(last, length - 1)));
    }
}
