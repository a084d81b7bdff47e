package io.deskstream.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptedEncodingsTest {

    @Test
    void gzipNamedIsAccepted() {
        assertThat(AcceptedEncodings.gzip("gzip, deflate, br")).isTrue();
        assertThat(AcceptedEncodings.gzip("GZIP")).isTrue();
        assertThat(AcceptedEncodings.gzip("x-gzip")).isTrue();
    }

    @Test
    void gzipWithAWeightAboveZeroIsAccepted() {
        assertThat(AcceptedEncodings.gzip("br;q=1.0, gzip;q=0.5")).isTrue();
        assertThat(AcceptedEncodings.gzip("gzip ; q=0.001")).isTrue();
    }

    @Test
    void gzipWithWeightZeroIsRefusedEvenWhenAnyCodingIsAccepted() {
        assertThat(AcceptedEncodings.gzip("gzip;q=0")).isFalse();
        assertThat(AcceptedEncodings.gzip("*, gzip;q=0")).isFalse();
        assertThat(AcceptedEncodings.gzip("gzip;q=0, *")).isFalse();
    }

    @Test
    void anyCodingCoversGzip() {
        assertThat(AcceptedEncodings.gzip("*")).isTrue();
        assertThat(AcceptedEncodings.gzip("*;q=0")).isFalse();
    }

    @Test
    void noHeaderOrOtherCodingsOnlyMeanUncompressed() {
        assertThat(AcceptedEncodings.gzip(null)).isFalse();
        assertThat(AcceptedEncodings.gzip("")).isFalse();
        assertThat(AcceptedEncodings.gzip("identity")).isFalse();
        assertThat(AcceptedEncodings.gzip("br, deflate")).isFalse();
    }

    @Test
    void anUnreadableWeightRefuses() {
        assertThat(AcceptedEncodings.gzip("gzip;q=abc")).isFalse();
    }
}
