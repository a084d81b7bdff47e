package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.deskstream.topology.Conformance;
import org.junit.jupiter.api.Test;

/**
 * {@code bench-report} as the docs give it, on the conformance week kept in the repository: it runs from a clone
 * with nothing beside it, loads the week through the API and measures both default questions.
 */
class ReportBenchCommandTest {

    @Test
    void theDocumentedCommandRunsOnTheRepositorysConformanceWeek() {
        Path conformance = Conformance.DIR.toAbsolutePath().normalize();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exit = Deskstream.commandLine().execute("bench-report",
                    "--events-file", conformance.resolve("events.jsonl").toString(),
                    "--departments", conformance.resolve("departments.json").toString(),
                    "--rules", conformance.resolve("rules.json").toString(),
                    "--clients", "2", "--seconds", "1");
        } finally {
            System.setOut(stdout);
        }

        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).containsPattern("Loading [0-9,]+ events through POST /api/v1/events")
                .containsPattern("granularity=hour[^\\n]*\\([1-9][0-9,]* rows")
                .containsPattern("granularity=month[^\\n]*\\([1-9][0-9,]* rows")
                .containsPattern("requests +[0-9,]+ /s +\\([1-9][0-9,]* in 1 s, 0 errors\\)")
                .containsPattern("latency p99 +[0-9.]+ ms");
    }

    @Test
    void itLeavesNoDataBehind() throws Exception {
        java.util.Set<Path> before = benchReportDirectories();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            Deskstream.commandLine().execute("bench-report", "--events", "200", "--clients", "1", "--seconds", "1",
                    "--query", "granularity=total");
        } finally {
            System.setOut(stdout);
        }

        assertThat(benchReportDirectories()).isEqualTo(before);
    }

    private static java.util.Set<Path> benchReportDirectories() throws java.io.IOException {
        try (var listed = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return listed.filter(p -> p.getFileName().toString().startsWith("deskstream-bench-report"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
