package io.deskstream.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin token (api.md, Authentication): from {@code DESKSTREAM_ADMIN_TOKEN} when it is set, else the one kept in
 * {@code DATA_DIR/admin-token}, made at first start and readable by its owner only.
 *
 * @param token  the secret
 * @param source where it came from, for the start-up banner, which shows the secret only when it was just made
 */
public record AdminToken(String token, Source source) {

    public static final String ENVIRONMENT_VARIABLE = "DESKSTREAM_ADMIN_TOKEN";
    public static final String FILE_NAME = "admin-token";

    public enum Source { ENVIRONMENT, DATA_DIR, CREATED }

    public AdminToken {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be empty");
        }
    }

    /** Where the token came from, never the token: a record's own {@code toString} would show the secret. */
    @Override
    public String toString() {
        return "AdminToken[source=" + source + "]";
    }

    /** {@code fromEnvironment} is the value of {@code DESKSTREAM_ADMIN_TOKEN}, or null. */
    public static AdminToken resolve(String fromEnvironment, Path dataDir) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new AdminToken(fromEnvironment.strip(), Source.ENVIRONMENT);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new AdminToken(Files.readString(file, StandardCharsets.UTF_8).strip(), Source.DATA_DIR);
        }
        String token = newToken();
        Files.createDirectories(dataDir);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return new AdminToken(Files.readString(file, StandardCharsets.UTF_8).strip(), Source.DATA_DIR);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        return new AdminToken(token, Source.CREATED);
    }

    /** 256 random bits, URL-safe so that it can be pasted into a header or a query string. */
    static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "dsk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
