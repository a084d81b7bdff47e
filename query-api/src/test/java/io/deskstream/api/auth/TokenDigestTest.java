package io.deskstream.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenDigestTest {

    @Test
    void aTokenMatchesItsOwnDigestOnly() {
        String digest = TokenDigest.sha256Hex("dsa_0123456789ab_secret");
        assertThat(TokenDigest.matches("dsa_0123456789ab_secret", digest)).isTrue();
        assertThat(TokenDigest.matches("dsa_0123456789ab_secreT", digest)).isFalse();
        assertThat(TokenDigest.matches("", digest)).isFalse();
    }

    @Test
    void theDigestIsNotTheToken() {
        assertThat(TokenDigest.sha256Hex("secret")).doesNotContain("secret").hasSize(64);
    }

    @Test
    void aMalformedStoredDigestMatchesNothing() {
        assertThat(TokenDigest.matches("x", "not hex")).isFalse();
    }
}
