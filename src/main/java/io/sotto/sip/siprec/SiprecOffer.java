package io.sotto.sip.siprec;

import java.util.ArrayList;
import java.util.List;

import io.sotto.sip.sdp.MediaSection;
import io.sotto.sip.sdp.Sdp;
import io.sotto.sip.sdp.SdpException;

/**
 * What a recording client's INVITE, re-INVITE or UPDATE body offers (RFC 7866 §8): the SDP, cut
 * to Sotto's codecs, and the metadata (RFC 7865) with its text as received. The body is
 * {@code multipart/mixed} with one {@code application/sdp} part and at most one
 * {@code application/rs-metadata+xml} part, in any order; a bare SDP body (metadata to follow, or
 * none) is taken too. Pure.
 *
 * @param sdp          the offer with only the allowed codecs on its audio streams
 * @param metadata     the metadata read, or {@link RsMetadata#NONE}
 * @param metadataXml  the metadata part exactly as received, or null
 */
public record SiprecOffer(Sdp sdp, RsMetadata metadata, String metadataXml) {
    public static final String SDP = "application/sdp";
    public static final String METADATA = "application/rs-metadata+xml";
    private static final String MULTIPART = "multipart/mixed";

    /**
     * @param contentType the Content-Type header's value, or null
     * @param body        the body, or null
     * @param codecs      the encodings Sotto records ({@code media.codecs})
     * @throws SiprecException with the answer for a body Sotto cannot take: 415 for a type it does
     *                         not read, 400 for one that does not parse, 488 for no common codec
     */
    public static SiprecOffer parse(String contentType, byte[] body, List<String> codecs) {
        if (body == null || body.length == 0) {
            throw new SiprecException(400, "Bad Request: a recording session needs an SDP offer");
        }
        String type = mediaType(contentType);
        String sdpText = null;
        String metadataXml = null;
        if (SDP.equals(type)) {
            sdpText = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        } else if (MULTIPART.equals(type)) {
            for (BodyPart part : MultipartBody.parse(contentType, body)) {
                if (part.is(SDP)) {
                    if (sdpText != null) {
                        throw new SiprecException(400, "Bad multipart body: two SDP parts");
                    }
                    sdpText = part.text();
                } else if (part.is(METADATA)) {
                    if (metadataXml != null) {
                        throw new SiprecException(400, "Bad multipart body: two metadata parts");
                    }
                    metadataXml = part.text();
                }
            }
            if (sdpText == null) {
                throw new SiprecException(400, "Bad multipart body: no application/sdp part");
            }
        } else {
            throw new SiprecException(415, "Unsupported Media Type: " + (type == null ? "none" : type));
        }
        Sdp sdp;
        try {
            sdp = Sdp.parse(sdpText).filterCodecs(codecs);
        } catch (SdpException e) {
            boolean noCodec = e.getMessage() != null && e.getMessage().contains("codec");
            throw new SiprecException(noCodec ? 488 : 400, noCodec ? "Not Acceptable Here: " + e.getMessage()
                    : "Bad SDP: " + e.getMessage());
        }
        RsMetadata metadata = metadataXml == null ? RsMetadata.NONE : RsMetadataParser.parse(metadataXml);
        return new SiprecOffer(sdp, metadata, metadataXml);
    }

    /** Indexes of the audio m= lines that carry media (port not 0), in order. */
    public List<Integer> audioStreams() {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaSection section = sdp.media().get(i);
            if (section.isAudio() && section.isEnabled()) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(java.util.Locale.ROOT);
    }
}
