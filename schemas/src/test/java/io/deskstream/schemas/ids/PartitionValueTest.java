package io.deskstream.schemas.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PartitionValueTest {

    private static final List<String> HOSTILE = List.of("../../../somewhere", "a/b", "a\\b", "%2e%2e", "..", ".",
            ".hidden", "dépt-ü-日本", "x=y", "C:\\x", "NULL", "Null", "__HIVE_DEFAULT_PARTITION__", "nul\u0000x",
            "tab\tcr\rdel\u007f", "\"#%'*:?[]{}^<>|", "😀", "sales", "%", "%zz", "a%2");

    @Test
    void escapesWhatHiveEscapesInUpperCaseHexAndKeepsTheRest() {
        assertThat(PartitionValue.encode("a/b")).isEqualTo("a%2Fb");
        assertThat(PartitionValue.encode("../x")).isEqualTo("%2E.%2Fx");
        assertThat(PartitionValue.encode("%2e%2e")).isEqualTo("%252e%252e");
        assertThat(PartitionValue.encode("x=y:z\\w")).isEqualTo("x%3Dy%3Az%5Cw");
        assertThat(PartitionValue.encode("\"#%'*/:=?[\\]^{")).isEqualTo("%22%23%25%27%2A%2F%3A%3D%3F%5B%5C%5D%5E%7B");
        assertThat(PartitionValue.encode("nul\u0000tab\tdel\u007f")).isEqualTo("nul%00tab%09del%7F");
        assertThat(PartitionValue.encode("dépt-ü-日本 }<>|+ ,")).isEqualTo("dépt-ü-日本 }<>|+ ,");
        assertThat(PartitionValue.encode("sales")).isEqualTo("sales");
    }

    @Test
    void neverLeavesADotDotOrHiddenNameOrAValueReadersTakeForNull() {
        assertThat(PartitionValue.encode(".")).isEqualTo("%2E");
        assertThat(PartitionValue.encode("..")).isEqualTo("%2E.");
        assertThat(PartitionValue.encode(".hidden")).isEqualTo("%2Ehidden");
        assertThat(PartitionValue.encode("a.")).isEqualTo("a.");
        assertThat(PartitionValue.encode("NULL")).isEqualTo("%4EULL");
        assertThat(PartitionValue.encode("nUlL")).isEqualTo("%6EUlL");
        assertThat(PartitionValue.encode("nullable")).isEqualTo("nullable");
        assertThat(PartitionValue.encode("__HIVE_DEFAULT_PARTITION__")).isEqualTo("%5F_HIVE_DEFAULT_PARTITION__");
    }

    @Test
    void theFolderNameHasNoSeparatorAndDecodesToTheExactValue() {
        for (String value : HOSTILE) {
            String encoded = PartitionValue.encode(value);
            assertThat(encoded).as(value).doesNotContain("/").doesNotContain("\\").doesNotContain("=")
                    .isNotIn(".", "..");
            assertThat(PartitionValue.decode(encoded)).as(value).isEqualTo(value);
        }
    }
}
