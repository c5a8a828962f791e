package io.sotto.config;

import java.util.List;

/**
 * @param address local address RTP is bound to and written into SDP
 * @param ports   inclusive RTP port range; RTP uses even ports, RTCP the odd port above
 * @param codecs  encoding names offers are filtered to, e.g. PCMU, PCMA, telephone-event
 */
public record MediaConfig(String address, PortRange ports, List<String> codecs) {
}
