package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.deskstream.simulator.BikeShopHelpDesk;
import io.deskstream.simulator.HelpDeskSimulation;
import org.junit.jupiter.api.Test;

/** The pace of the bench's history: as dense as it takes for a number of conversations to be open at once. */
class SimulatedPaceTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final BikeShopHelpDesk SHOP = new BikeShopHelpDesk();

    @Test
    void shouldOpenAboutTheAskedNumberOfConversationsWhileTheTimedEventsAreDrawn() {
        SimulatedPace pace = SimulatedPace.dense(SHOP, 60_000, 50_000, 3_000, NOW);

        SimulationCursor cursor = new SimulationCursor(
                new HelpDeskSimulation(1, pace.start(), pace.eventsPerSecond(), SHOP), pace.start(), pace.eventsPerSecond());
        for (int i = 0; i < 10_000; i++) {
            cursor.next();
        }
        cursor.openConversations();
        for (int i = 0; i < 50_000; i++) {
            cursor.next();
        }
        SimulationCursor.OpenConversations open = cursor.openConversations();

        assertThat(open.mean()).isBetween(3_000 * 0.8, 3_000 * 1.2);
        assertThat(open.max()).isGreaterThanOrEqualTo((int) open.mean());
        assertThat(cursor.simulatedUntil()).isBefore(NOW);
    }

    @Test
    void shouldStartADenseHistoryOnAMondayAtSevenInTheShopsTimeZone() {
        ZonedDateTime start = SimulatedPace.dense(SHOP, 60_000, 50_000, 3_000, NOW).start()
                .atZone(ZoneId.of("Europe/Prague"));

        assertThat(start.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(start.toLocalTime()).isEqualTo(LocalTime.of(7, 0));
    }

    @Test
    void shouldSpreadTheEventsOverTheMonthUpToNowByDefault() {
        SimulatedPace pace = SimulatedPace.month(1_300_000, NOW);

        assertThat(pace.start()).isEqualTo(Instant.parse("2026-11-03T09:00:00Z"));
        assertThat(pace.eventsPerSecond()).isEqualTo(1_300_000 / (30 * 86_400 * 0.7));
    }

    @Test
    void shouldRefuseMoreOpenConversationsThanTheEventsCanOpen() {
        assertThatThrownBy(() -> SimulatedPace.dense(SHOP, 20_000, 10_000, 50_000, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--open-conversations 50,000 cannot be reached with 20,000 events in all (at most about ")
                .hasMessageEndingWith(" are open at once): raise --events");
    }
}
