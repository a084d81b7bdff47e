package io.deskstream.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.deskstream.api.metrics.ApiMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class FreshAnswersTest {

    private final AtomicLong dataVersion = new AtomicLong();
    private final FreshAnswers answers = new FreshAnswers(new ApiMetrics(new SimpleMeterRegistry()), dataVersion::get);
    private final AtomicInteger computed = new AtomicInteger();

    private String ask(String question) {
        return answers.get(question, () -> question + " #" + computed.incrementAndGet());
    }

    @Test
    void theSameQuestionIsAnsweredOnceWhileTheDataIsUnchanged() {
        assertThat(ask("report?day")).isEqualTo("report?day #1");
        assertThat(ask("report?day")).isEqualTo("report?day #1");
        assertThat(computed).hasValue(1);
    }

    @Test
    void anAnswerIsNotReusedOnceChangedDataWasWritten() {
        ask("report?day");

        dataVersion.incrementAndGet();

        assertThat(ask("report?day")).isEqualTo("report?day #2");
    }

    @Test
    void otherQuestionsGetTheirOwnAnswers() {
        ask("report?day");
        assertThat(ask("report?week")).isEqualTo("report?week #2");
    }
}
