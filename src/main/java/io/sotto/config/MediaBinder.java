package io.sotto.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sotto.config.ConfigNode.quote;

/** Binds {@code media}: the RTP address, port range and codec list. */
final class MediaBinder {
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,5})-([0-9]{1,5})");

    private MediaBinder() {
    }

    static MediaConfig media(ConfigNode media) {
        media.mapping("address", "ports", "codecs");
        return new MediaConfig(
                AddressSyntax.ipLiteral(media.get("address")),
                ports(media.get("ports")),
                codecs(media.get("codecs")));
    }

    private static PortRange ports(ConfigNode ports) {
        String text = ports.scalarText();
        Matcher range = RANGE.matcher(text);
        if (!range.matches() || Integer.parseInt(range.group(1)) > Integer.parseInt(range.group(2))) {
            throw ports.fail(quote(text) + " is not a range first-last with first <= last");
        }
        int first = Integer.parseInt(range.group(1));
        int last = Integer.parseInt(range.group(2));
        if (first < 1 || last > 65535) {
            throw ports.fail(quote(text) + " goes outside 1-65535");
        }
        // RTP takes an even port and RTCP the odd one above it (RFC 3550 section 11).
        int firstEven = first + (first & 1);
        if (firstEven + 1 > last) {
            throw ports.fail(quote(text) + " holds no even RTP port with its odd RTCP port above it");
        }
        return new PortRange(first, last);
    }

    private static List<String> codecs(ConfigNode codecs) {
        List<String> names = new ArrayList<>();
        boolean audio = false;
        for (ConfigNode codec : codecs.list()) {
            String name = codec.string();
            String canonical = CodecNames.canonical(name);
            if (canonical == null) {
                throw codec.fail("unknown codec " + quote(name) + " (expected " + String.join(", ", CodecNames.SUPPORTED) + ")");
            }
            if (names.contains(canonical)) {
                throw codec.fail(quote(name) + " is listed twice");
            }
            names.add(canonical);
            audio |= CodecNames.AUDIO.contains(canonical);
        }
        if (!audio) {
            throw codecs.fail("needs at least one audio codec (" + String.join(", ", CodecNames.AUDIO) + ")");
        }
        return List.copyOf(names);
    }
}
