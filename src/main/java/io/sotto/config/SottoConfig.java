package io.sotto.config;

import java.util.List;

/** The whole validated configuration (docs/configuration.md). Built only by {@link ConfigLoader}. */
public record SottoConfig(
        SipConfig sip,
        MediaConfig media,
        RecordingConfig recording,
        HttpConfig http,
        List<PeerConfig> peers,
        CompanyConfig company,
        List<NumberConfig> numbers,
        List<UserConfig> users,
        CatalogConfig catalog) {

    /** The company, numbers and users of this config: the seed of the live settings. */
    public Settings settings() {
        return new Settings(company, numbers, users);
    }
}
