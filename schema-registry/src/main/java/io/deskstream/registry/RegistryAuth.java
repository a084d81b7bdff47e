package io.deskstream.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may use the registry's routes. Writes — registering a schema, setting a compatibility level — need the secret;
 * with {@link Scope#ALL} every route does. The secret is presented either as HTTP Basic authentication, as Confluent
 * clients send it with {@code basic.auth.credentials.source=USER_INFO} and {@code basic.auth.user.info=USER:SECRET}
 * (any user name: the secret alone decides), or as {@code Authorization: Bearer SECRET}. Secrets are compared as
 * SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken tells nothing of where they differ.
 */
public final class RegistryAuth {

    /** What needs the secret. */
    public enum Scope {
        /** Registering and setting compatibility levels; reads stay open, as serializers and tools need them. */
        WRITES,
        /** Every route. */
        ALL;

        /** {@code writes} or {@code all}, in any case. */
        public static Scope parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("the registry's auth is writes or all, not \"" + text + "\"");
            }
        }
    }

    /** The realm a 401 names in {@code WWW-Authenticate}. */
    public static final String REALM = "deskstream schema registry";

    private final byte[] secretDigest;
    private final Scope scope;

    public RegistryAuth(String secret, Scope scope) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the registry's secret must not be empty");
        }
        this.secretDigest = sha256(secret);
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }

    /**
     * Lets the request through, or refuses it with 401 (Confluent error code 40101) when it needs the secret and does
     * not carry it.
     *
     * @param authorization the request's {@code Authorization} header, or null
     * @param write         whether the route changes the registry
     */
    void check(String authorization, boolean write) {
        if (!write && scope == Scope.WRITES) {
            return;
        }
        String what = write ? "changing the registry" : "this registry";
        String presented = presented(authorization);
        if (presented == null) {
            throw new RegistryError(401, 40101, what + " needs credentials: HTTP Basic with the admin token as password "
                    + "(basic.auth.user.info=USER:TOKEN, any user name), or Authorization: Bearer TOKEN");
        }
        if (!MessageDigest.isEqual(sha256(presented), secretDigest)) {
            throw new RegistryError(401, 40101, "the credentials are not valid for " + what);
        }
    }

    /** The secret a header presents: the password of Basic, the token of Bearer; null when there is none. */
    private static String presented(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return value.substring(7).strip();
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            String userAndPassword;
            try {
                userAndPassword = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return "";
            }
            int colon = userAndPassword.indexOf(':');
            return colon < 0 ? "" : userAndPassword.substring(colon + 1);
        }
        return "";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "RegistryAuth[scope=" + scope + "]";
    }
}
