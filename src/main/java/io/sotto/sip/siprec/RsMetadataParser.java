package io.sotto.sip.siprec;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads RFC 7865 recording metadata ({@code application/rs-metadata+xml}) with the JDK's StAX
 * reader, hardened for input from the network: a DTD is refused outright (no entity can be
 * declared, so none expands and nothing external is fetched), and size, depth and element count
 * are bounded. Elements are matched by local name in any namespace, since recording clients mix
 * in vendor namespaces and older draft spellings; what Sotto does not use is skipped.
 * Pure and thread-safe.
 */
public final class RsMetadataParser {
    /** Largest metadata read, in characters: a big conference's snapshot is well under it. */
    public static final int MAX_CHARS = 60 * 1024;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_ELEMENTS = 20_000;
    private static final int MAX_PARTICIPANTS = 1024;
    private static final XMLInputFactory FACTORY = hardenedFactory();

    private RsMetadataParser() {
    }

    /**
     * @throws SiprecException 400 with the reason when the text is not metadata Sotto can read
     */
    public static RsMetadata parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new SiprecException(400, "Bad metadata: empty");
        }
        if (xml.length() > MAX_CHARS) {
            throw new SiprecException(400, "Bad metadata: over " + MAX_CHARS / 1024 + " KiB");
        }
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new StringReader(xml));
            return read(reader);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof SiprecException siprec) {
                throw siprec;
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // StAX prefixes "ParseError at [row,col]:[r,c]\nMessage: ..."; keep the message
            int at = message.indexOf("Message:");
            throw new SiprecException(400, "Bad metadata XML: " + (at >= 0 ? message.substring(at + 8).trim() : message));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing was opened beyond the string
                }
            }
        }
    }

    private static RsMetadata read(XMLStreamReader reader) throws XMLStreamException {
        Deque<String> path = new ArrayDeque<>();
        String sessionId = null;
        boolean partial = false;
        Map<String, ParticipantBuilder> participants = new LinkedHashMap<>();
        List<RsMetadata.Stream> streams = new ArrayList<>();
        ParticipantBuilder participant = null;
        ParticipantBuilder association = null;
        String streamId = null;
        String streamLabel = null;
        int elements = 0;
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new SiprecException(400, "Bad metadata: a DTD is not accepted");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new SiprecException(400, "Bad metadata: entity references are not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = reader.getLocalName();
                    if (path.isEmpty() && !"recording".equals(name)) {
                        throw new SiprecException(400, "Bad metadata: root element is <" + name
                                + ">, not <recording> (RFC 7865)");
                    }
                    if (++elements > MAX_ELEMENTS || path.size() >= MAX_DEPTH) {
                        throw new SiprecException(400, "Bad metadata: too many or too deeply nested elements");
                    }
                    path.push(name);
                    text.setLength(0);
                    if (path.size() == 2) {
                        switch (name) {
                            case "session" -> {
                                if (sessionId == null) {
                                    sessionId = attribute(reader, "session_id", "id");
                                }
                            }
                            case "participant" -> {
                                String id = attribute(reader, "participant_id", "id");
                                participant = participants.computeIfAbsent(id == null ? "#" + participants.size() : id,
                                        ParticipantBuilder::new);
                                if (participants.size() > MAX_PARTICIPANTS) {
                                    throw new SiprecException(400, "Bad metadata: more than " + MAX_PARTICIPANTS
                                            + " participants");
                                }
                            }
                            case "participantstreamassoc" -> {
                                String id = attribute(reader, "participant_id", "id");
                                association = id == null ? null : participants.computeIfAbsent(id, ParticipantBuilder::new);
                            }
                            case "stream" -> {
                                streamId = attribute(reader, "stream_id", "id");
                                streamLabel = null;
                            }
                            default -> {
                            }
                        }
                    } else if (participant != null && "nameID".equals(name)) {
                        String aor = attribute(reader, "aor");
                        if (aor != null) {
                            participant.aor = aor;
                        }
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (text.length() < 1024) {
                        text.append(reader.getText(), 0, Math.min(reader.getTextLength(), 1024 - text.length()));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String name = path.pop();
                    String value = text.toString().trim();
                    text.setLength(0);
                    if (path.size() == 1) {
                        switch (name) {
                            case "datamode" -> partial = "partial".equalsIgnoreCase(value);
                            case "participant" -> participant = null;
                            case "participantstreamassoc" -> association = null;
                            case "stream" -> {
                                if (streamId != null) {
                                    streams.add(new RsMetadata.Stream(streamId, streamLabel));
                                }
                                streamId = null;
                            }
                            default -> {
                            }
                        }
                    } else if (streamId != null && "label".equals(name) && path.size() == 2) {
                        streamLabel = value;
                    } else {
                        ParticipantBuilder owner = participant != null ? participant : association;
                        if (owner != null && !value.isEmpty()) {
                            owner.read(name, value);
                        }
                    }
                }
                default -> {
                }
            }
        }
        List<RsMetadata.Participant> built = new ArrayList<>(participants.size());
        participants.values().forEach(p -> built.add(p.build()));
        return new RsMetadata(sessionId, partial, built, streams);
    }

    private static String attribute(XMLStreamReader reader, String... names) {
        for (String name : names) {
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                if (name.equals(reader.getAttributeLocalName(i))) {
                    String value = reader.getAttributeValue(i).trim();
                    return value.isEmpty() ? null : value;
                }
            }
        }
        return null;
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not fetched");
        });
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException ignored) {
            // a StAX implementation without JAXP 1.5 properties; DTDs are refused anyway
        }
        return factory;
    }

    private static final class ParticipantBuilder {
        final String id;
        String name;
        String aor;
        boolean callingParty;
        final List<String> sends = new ArrayList<>();
        final List<String> receives = new ArrayList<>();

        ParticipantBuilder(String id) {
            this.id = id;
        }

        void read(String element, String value) {
            switch (element) {
                case "name" -> name = name == null ? value : name;
                case "aor" -> aor = aor == null ? value : aor;
                case "send" -> add(sends, value);
                case "recv" -> add(receives, value);
                case "callingParty" -> callingParty |= "true".equalsIgnoreCase(value);
                case "role" -> callingParty |= switch (value.toLowerCase(Locale.ROOT)) {
                    case "caller", "calling", "originator" -> true;
                    default -> false;
                };
                default -> {
                }
            }
        }

        private static void add(List<String> ids, String value) {
            if (ids.size() < 64 && !ids.contains(value)) {
                ids.add(value);
            }
        }

        RsMetadata.Participant build() {
            return new RsMetadata.Participant(id, name, aor, callingParty, sends, receives);
        }
    }
}
