package io.sotto.sip.siprec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RsMetadataParserTest {
    private static final String RFC_7865 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns='urn:ietf:params:xml:ns:recording:1'>
              <datamode>complete</datamode>
              <session session_id="hVpd7YQgRW2nD22h7q60JQ=="><sipSessionID>ab30;remote=47</sipSessionID></session>
              <participant participant_id="srfBElmCRp2QB23b7Mpk0w==">
                <nameID aor="sip:bob@biloxi.com"><name xml:lang="it">Bob</name></nameID>
              </participant>
              <participant participant_id="zSfPoSvdSDCmU3A3TRDxAw==">
                <nameID aor="sip:alice@atlanta.com"><name>Alice &amp; co</name></nameID>
              </participant>
              <stream stream_id="UAAMm5GRQKSCMVvLyl4rFw==" session_id="hVpd7YQgRW2nD22h7q60JQ=="><label>96</label></stream>
              <stream stream_id="i1Pz3to5hGk8fuXl+PbwCw==" session_id="hVpd7YQgRW2nD22h7q60JQ=="><label>97</label></stream>
              <participantstreamassoc participant_id="srfBElmCRp2QB23b7Mpk0w==">
                <send>i1Pz3to5hGk8fuXl+PbwCw==</send><recv>UAAMm5GRQKSCMVvLyl4rFw==</recv>
              </participantstreamassoc>
              <participantstreamassoc participant_id="zSfPoSvdSDCmU3A3TRDxAw==">
                <send>UAAMm5GRQKSCMVvLyl4rFw==</send><recv>i1Pz3to5hGk8fuXl+PbwCw==</recv>
              </participantstreamassoc>
            </recording>
            """;

    @Test
    void readsTheSessionParticipantsStreamsAndWhoSendsWhat() {
        RsMetadata metadata = RsMetadataParser.parse(RFC_7865);

        assertThat(metadata.sessionId()).isEqualTo("hVpd7YQgRW2nD22h7q60JQ==");
        assertThat(metadata.partial()).isFalse();
        assertThat(metadata.participants()).extracting(RsMetadata.Participant::name).containsExactly("Bob", "Alice & co");
        assertThat(metadata.participants()).extracting(RsMetadata.Participant::user).containsExactly("bob", "alice");
        assertThat(metadata.senderOfLabel("96").aor()).isEqualTo("sip:alice@atlanta.com");
        assertThat(metadata.senderOfLabel("97").aor()).isEqualTo("sip:bob@biloxi.com");
        assertThat(metadata.senderOfLabel("98")).isNull();
    }

    @Test
    void readsTheDraftSpellingWithSendInsideTheParticipantAndVendorCallingParty() {
        RsMetadata metadata = RsMetadataParser.parse("""
                <recording xmlns="urn:ietf:params:xml:ns:recording" xmlns:apkt="http://acmepacket.com/siprec/extensiondata">
                  <session id="s1"/>
                  <participant id="p1"><aor>sip:+15550199@carrier</aor><send>st1</send>
                    <extensiondata><apkt:callingParty>true</apkt:callingParty></extensiondata></participant>
                  <participant id="p2"><aor>sip:1001@pbx</aor><send>st2</send></participant>
                  <stream id="st1"><label>1</label></stream><stream id="st2"><label>2</label></stream>
                </recording>
                """);

        assertThat(metadata.sessionId()).isEqualTo("s1");
        assertThat(metadata.participants()).extracting(RsMetadata.Participant::callingParty).containsExactly(true, false);
        assertThat(metadata.senderOfLabel("2").user()).isEqualTo("1001");
    }

    @Test
    void refusesADtdSoNoEntityExpandsAndNothingExternalIsRead() {
        assertThatThrownBy(() -> RsMetadataParser.parse("""
                <?xml version="1.0"?>
                <!DOCTYPE recording [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <recording><participant id="p"><name>&xxe;</name></participant></recording>
                """)).isInstanceOfSatisfying(SiprecException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("DTD");
    }

    @Test
    void refusesAnUndeclaredEntityAnotherRootAndBrokenXml() {
        assertThatThrownBy(() -> RsMetadataParser.parse("<recording><participant>&lol;</participant></recording>"))
                .hasMessageStartingWith("Bad metadata");
        assertThatThrownBy(() -> RsMetadataParser.parse("<conference/>")).hasMessageContaining("not <recording>");
        assertThatThrownBy(() -> RsMetadataParser.parse("<recording><session>")).hasMessageStartingWith("Bad metadata XML");
    }

    @Test
    void refusesMetadataOverItsSizeAndDepthBounds() {
        assertThatThrownBy(() -> RsMetadataParser.parse("<recording>" + " ".repeat(RsMetadataParser.MAX_CHARS) + "</recording>"))
                .hasMessageContaining("over 60 KiB");
        assertThatThrownBy(() -> RsMetadataParser.parse("<recording>" + "<a>".repeat(40) + "</a>".repeat(40) + "</recording>"))
                .hasMessageContaining("too many or too deeply nested");
    }

    @Test
    void mergesAPartialUpdateByIdAndLetsACompleteOneReplace() {
        RsMetadata first = RsMetadataParser.parse(RFC_7865);
        RsMetadata partial = RsMetadataParser.parse("""
                <recording xmlns='urn:ietf:params:xml:ns:recording:1'><datamode>partial</datamode>
                  <participant participant_id="new"><nameID aor="sip:carol@chicago.com"/></participant>
                </recording>""");

        RsMetadata merged = first.merge(partial);

        assertThat(merged.participants()).hasSize(3);
        assertThat(merged.sessionId()).isEqualTo(first.sessionId());
        assertThat(merged.senderOfLabel("96").user()).isEqualTo("alice");
        assertThat(merged.merge(RsMetadataParser.parse("<recording/>")).participants()).isEmpty();
    }
}
