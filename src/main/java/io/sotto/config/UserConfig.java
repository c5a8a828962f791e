package io.sotto.config;

import java.util.List;

/**
 * A user (agent, supervisor, analyst, admin). Null settings fall back as docs/configuration.md, "users",
 * says: to the number's or company's, or for supervisors and analysts to their role's defaults.
 *
 * @param tokenSha256 lower-case hex SHA-256 of the user's API bearer token, or null
 */
public record UserConfig(
        String id,
        String name,
        String extension,
        Role role,
        List<String> groups,
        ControlMode control,
        Visibility visibility,
        PlayRight play,
        Boolean download,
        String tokenSha256) {
}
