package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectTraceTest {

    @Test
    void aTaskTraceBecomesTheExceptionAndItsCausesWithoutPackagesOrFrames() {
        String trace = """
                org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.
                \tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:636)
                \tat java.base/java.lang.Thread.run(Thread.java:840)
                Caused by: org.apache.kafka.connect.errors.ConnectException: cannot recover the export of deskstream.report-rows-0 from /data/exports
                \tat io.deskstream.connectors.ReportSinkTask.open(ReportSinkTask.java:101)
                \t... 12 more
                Caused by: java.nio.file.FileAlreadyExistsException: /data/exports/_state/format=csv
                \tat java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:94)
                """;

        assertThat(ConnectTrace.summary(trace)).isEqualTo("ConnectException: Exiting WorkerSinkTask due to "
                + "unrecoverable exception.; caused by ConnectException: cannot recover the export of "
                + "deskstream.report-rows-0 from /data/exports; caused by FileAlreadyExistsException: "
                + "/data/exports/_state/format=csv");
    }

    @Test
    void aMessageOfSeveralLinesStaysWithItsException() {
        assertThat(ConnectTrace.summary("java.lang.IllegalStateException: first line\nsecond line\n\tat a.B.c(B.java:1)"))
                .isEqualTo("IllegalStateException: first line second line");
    }

    @Test
    void noTraceIsNoError() {
        assertThat(ConnectTrace.summary(null)).isNull();
        assertThat(ConnectTrace.summary("")).isNull();
    }
}
