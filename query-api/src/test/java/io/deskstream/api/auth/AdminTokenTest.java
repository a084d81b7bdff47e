package io.deskstream.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldTakeTheTokenFromTheEnvironmentWhenItIsSet() throws Exception {
        AdminToken token = AdminToken.resolve("s3cret", dataDir);

        assertThat(token).isEqualTo(new AdminToken("s3cret", AdminToken.Source.ENVIRONMENT));
        assertThat(dataDir.resolve(AdminToken.FILE_NAME)).doesNotExist();
    }

    @Test
    void shouldMakeATokenAtFirstStartReadableByItsOwnerOnly() throws Exception {
        AdminToken token = AdminToken.resolve(null, dataDir);

        assertThat(token.source()).isEqualTo(AdminToken.Source.CREATED);
        assertThat(token.token()).startsWith("dsk_").hasSizeGreaterThan(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(AdminToken.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void shouldKeepTheTokenMadeAtFirstStartOnTheNextStart() throws Exception {
        AdminToken first = AdminToken.resolve(null, dataDir);

        AdminToken second = AdminToken.resolve("", dataDir);

        assertThat(second.token()).isEqualTo(first.token());
        assertThat(second.source()).isEqualTo(AdminToken.Source.DATA_DIR);
    }

    @Test
    void shouldNotShowTheSecretAsText() {
        assertThat(new AdminToken("s3cret", AdminToken.Source.ENVIRONMENT).toString()).doesNotContain("s3cret")
                .contains("ENVIRONMENT");
    }
}
