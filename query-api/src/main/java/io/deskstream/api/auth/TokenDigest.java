package io.deskstream.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tokens are kept only as SHA-256 digests and compared digest to digest with {@link MessageDigest#isEqual}, whose time
 * does not depend on where two values differ. Tokens carry 256 random bits, so a plain digest (no salt, no stretching)
 * is enough: there is nothing to guess from a dictionary.
 */
public final class TokenDigest {

    private TokenDigest() {
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    public static boolean matches(String presented, String expectedSha256Hex) {
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(expectedSha256Hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), expected);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
