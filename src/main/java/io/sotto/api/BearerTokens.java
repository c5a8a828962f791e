package io.sotto.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.sotto.config.UserConfig;

/**
 * Finds the user of an {@code Authorization: Bearer <token>} header: the token's SHA-256 against
 * every user's {@code token_sha256}, each compared in constant time and all of them compared, so
 * timing tells nothing of which user or how much matched. Tokens are never logged.
 */
final class BearerTokens {
    private static final String PREFIX = "bearer ";
    private static final HexFormat HEX = HexFormat.of();

    private final List<UserConfig> users;
    private final List<byte[]> digests;

    BearerTokens(List<UserConfig> users) {
        this.users = users.stream().filter(user -> user.tokenSha256() != null).toList();
        this.digests = this.users.stream().map(user -> HEX.parseHex(user.tokenSha256().toLowerCase())).toList();
    }

    Optional<UserConfig> userOf(String authorization) {
        if (authorization == null || authorization.length() <= PREFIX.length()
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorization.substring(PREFIX.length()).trim());
        UserConfig found = null;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(presented, digests.get(i)) && found == null) {
                found = users.get(i);
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
