package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The soak's verdict: of the lines after the retention, the last third against the middle, each within ±20%. */
class SoakVerdictTest {

    private static final long MIB = 1024 * 1024;

    /** A line whose stores hold {@code conversations} entries and {@code changelogMiB} of changelog. */
    private static SoakVerdict.Line line(int day, long conversations, long changelogMiB, long sharesMiB,
                                         double punctuationMs) {
        return new SoakVerdict.Line(day, day * 1000L,
                Map.of("conv", conversations, "status", 70L, "hours", day % 2 == 0 ? 0L : 300L),
                Map.of(),
                Map.of("conv", 10 * MIB),
                Map.of("conv", changelogMiB * MIB, "shares", sharesMiB * MIB),
                200 * MIB, punctuationMs);
    }

    /** Lines every 30 days to {@code days}: growing to the retention, then as {@code after} says. */
    private static List<SoakVerdict.Line> run(int days, int retention, java.util.function.IntToLongFunction after) {
        List<SoakVerdict.Line> lines = new ArrayList<>();
        for (int day = 30; day <= days; day += 30) {
            long conversations = day <= retention ? 1000L * day : after.applyAsLong(day);
            lines.add(line(day, conversations, conversations / 1000, day, 100));
        }
        return lines;
    }

    @Test
    void shouldFindAPlateauWhenTheFiguresStayWithinAFifthAfterTheRetention() {
        SoakVerdict verdict = SoakVerdict.of(run(300, 30, day -> day % 60 == 0 ? 33_000 : 38_000), 30);

        assertThat(verdict.judged()).isTrue();
        assertThat(verdict.plateau()).isTrue();
        assertThat(verdict.describe(30).get(0)).startsWith("verdict: PLATEAU");
    }

    @Test
    void shouldTakeASettlingFirstThirdForNoGrowth() {
        // RocksDB's files take a few months to reach their steady shape: growth that has stopped is no growth.
        SoakVerdict verdict = SoakVerdict.of(run(300, 30, day -> Math.min(1000L * day, 120_000)), 30);

        assertThat(verdict.plateau()).isTrue();
    }

    @Test
    void shouldNameWhatGrows() {
        SoakVerdict verdict = SoakVerdict.of(run(300, 30, day -> 1000L * day), 30);

        assertThat(verdict.plateau()).isFalse();
        assertThat(verdict.entriesFlat()).isFalse();
        assertThat(verdict.topicsFlat()).isFalse();
        assertThat(verdict.diskFlat()).isTrue();
        assertThat(verdict.describe(30)).anySatisfy(l -> assertThat(l).contains("entries").contains("*conv 180,000→"));
    }

    @Test
    void shouldNotJudgeTheTransientMarksNorTheSharesKeptByTheClock() {
        // hours jumps between 0 and 300 and the shares grow with every line: neither makes the state grow.
        SoakVerdict verdict = SoakVerdict.of(run(300, 30, day -> 35_000), 30);

        assertThat(verdict.plateau()).isTrue();
        assertThat(verdict.entries()).extracting(SoakVerdict.Change::label).doesNotContain("hours");
        assertThat(verdict.topics()).extracting(SoakVerdict.Change::label).doesNotContain("shares");
    }

    @Test
    void shouldJudgeByTheCountedEntriesWhenThereAreSome() {
        List<SoakVerdict.Line> lines = new ArrayList<>();
        for (int day = 30; day <= 300; day += 30) {
            // The estimate wanders from half to double; the count is steady.
            long estimate = day % 60 == 0 ? 15_000 : 70_000;
            lines.add(new SoakVerdict.Line(day, day * 1000L, Map.of("conv", estimate), Map.of("conv", 35_000L),
                    Map.of(), Map.of(), 0, 10));
        }

        assertThat(SoakVerdict.of(lines, 30).entriesFlat()).isTrue();
    }

    @Test
    void shouldSayWhenTheRunIsTooShortToTell() {
        SoakVerdict verdict = SoakVerdict.of(run(60, 30, day -> 35_000), 30);

        assertThat(verdict.judged()).isFalse();
        assertThat(verdict.plateau()).isFalse();
        assertThat(verdict.describe(30).get(0)).startsWith("verdict: not judged, too short");
    }

    @Test
    void shouldHoldThePunctuationToASecond() {
        List<SoakVerdict.Line> lines = run(300, 30, day -> 35_000);
        lines.set(5, line(180, 35_000, 35, 180, 1200));

        SoakVerdict verdict = SoakVerdict.of(lines, 30);

        assertThat(verdict.punctuationMs()).isEqualTo(1200);
        assertThat(verdict.punctuationUnderLimit()).isFalse();
        assertThat(verdict.describe(30)).anySatisfy(l -> assertThat(l).contains("longest 1200 ms").contains("NOT"));
    }
}
