package io.deskstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The repository keeps its own copy of the conformance data, so that a clone tests itself. Where the developers'
 * source of that data sits beside the checkout (a folder {@code shared/conformance} next to the repository), the
 * copy must be byte for byte the same; where it does not, as in a user's clone, there is nothing to compare.
 */
class ConformanceCopyFreshnessTest {

    /** The copy's own README describes it in the project's words; everything else is data and must match. */
    private static final Path OWN_README = Path.of("README.md");

    @Test
    void theCopyEqualsItsSourceFileForFile() throws IOException {
        Path copy = Conformance.DIR.toAbsolutePath().normalize();
        Path source = copy.getParent().getParent().resolve("shared").resolve("conformance");
        assumeTrue(Files.isDirectory(source), "no conformance source beside the repository at " + source);

        Map<Path, String> expected = digests(source);
        Map<Path, String> actual = digests(copy);

        assertThat(actual)
                .as("conformance/ must be refreshed from %s (copy every file but README.md)", source)
                .isEqualTo(expected);
    }

    private static Map<Path, String> digests(Path root) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                Path relative = root.relativize(file);
                if (!relative.equals(OWN_README)) {
                    files.put(relative, sha256(Files.readAllBytes(file)));
                }
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
