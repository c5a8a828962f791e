package io.sotto.testkit.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a test phone answers an INVITE: codecs it accepts, the Contact user and P-Asserted-Identity
 * user of the answer (what a B2BUA reads to find the called agent) and extra headers. Immutable.
 */
public record AnswerOptions(List<Codec> codecs, String contactUser, String paiUser, List<Map.Entry<String, String>> headers) {

    public AnswerOptions {
        codecs = List.copyOf(codecs);
        headers = List.copyOf(headers);
    }

    /** Accepts PCMU, PCMA and telephone-event; Contact user = the phone's name; no PAI. */
    public static AnswerOptions defaults() {
        return new AnswerOptions(List.of(Codec.PCMU, Codec.PCMA, Codec.TELEPHONE_EVENT), null, null, List.of());
    }

    public AnswerOptions codecs(Codec... accepted) {
        return new AnswerOptions(List.of(accepted), contactUser, paiUser, headers);
    }

    public AnswerOptions contactUser(String user) {
        return new AnswerOptions(codecs, user, paiUser, headers);
    }

    public AnswerOptions pai(String user) {
        return new AnswerOptions(codecs, contactUser, user, headers);
    }

    public AnswerOptions header(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new AnswerOptions(codecs, contactUser, paiUser, more);
    }
}
