package io.deskstream.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.deskstream.api.metrics.ApiMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class FreshAnswersTest {

    private final AtomicLong dataVersion = new AtomicLong();
    private final AtomicLong nanoTime = new AtomicLong();
    /** The background computations asked for, run when a test says so. */
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final FreshAnswers answers = new FreshAnswers(new ApiMetrics(new SimpleMeterRegistry()), dataVersion::get,
            nanoTime::get, background::add);
    private final AtomicInteger computed = new AtomicInteger();

    private String ask(String question) {
        return answers.get(question, () -> question + " #" + computed.incrementAndGet());
    }

    private void pass(java.time.Duration duration) {
        nanoTime.addAndGet(duration.toNanos());
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
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

    @Test
    void anAnswerOlderThanTheFreshnessIsStillHandedOutWhileItIsComputedAgainInTheBackground() {
        ask("report?day");
        pass(FreshAnswers.FRESHNESS);

        assertThat(ask("report?day")).isEqualTo("report?day #1");
        assertThat(ask("report?day")).isEqualTo("report?day #1");
        assertThat(background).as("one computation for all the askers").hasSize(1);

        runBackground();

        assertThat(ask("report?day")).isEqualTo("report?day #2");
        assertThat(background).isEmpty();
    }

    @Test
    void anAnswerNobodyAskedForSinceItWasKeptIsComputedAgainBeforeAnswering() {
        ask("report?day");
        pass(FreshAnswers.KEPT);

        assertThat(ask("report?day")).isEqualTo("report?day #2");
        assertThat(background).isEmpty();
    }

    @Test
    void aFailedComputationIsNotKept() {
        assertThatThrownBy(() -> answers.get("report?day", () -> {
            throw new IllegalStateException("store moved");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(ask("report?day")).isEqualTo("report?day #1");
    }

    @Test
    void aFailedBackgroundComputationLeavesTheAnswerAtHandAndIsTriedAgain() {
        ask("report?day");
        pass(FreshAnswers.FRESHNESS);
        answers.get("report?day", () -> {
            throw new IllegalStateException("store moved");
        });
        runBackground();

        assertThat(ask("report?day")).isEqualTo("report?day #1");
        runBackground();
        assertThat(ask("report?day")).isEqualTo("report?day #2");
    }
}
