package io.deskstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.json.DepartmentJson;
import io.deskstream.schemas.json.RoutingRuleJson;
import org.junit.jupiter.api.Test;

/** The bike shop grown or shrunk to a desk size, and left exactly as it was at its own. */
class SizedDeskTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void shouldSimulateTheSameEventsAsBeforeAtTheBikeShopsOwnSize() throws Exception {
        // The bench's pace for 1,300,000 events over a month, its seed and its ten-minute steps. The digest was taken
        // from the simulation before desks had a size, so that the bench's default figures stay comparable.
        double rate = 1_300_000 / (Duration.ofDays(30).toSeconds() * 0.7);
        HelpDeskSimulation simulation = new HelpDeskSimulation(1, MONDAY, rate, new BikeShopHelpDesk(DeskSize.BIKE_SHOP));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int events = 0;
        for (Instant until = MONDAY; events < 20_000; ) {
            until = until.plus(Duration.ofMinutes(10));
            for (ObjectNode event : simulation.eventsUntil(until)) {
                if (events++ < 20_000) {
                    sha.update((event + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        assertThat(HexFormat.of().formatHex(sha.digest()))
                .isEqualTo("1ac2f176abdf9b6f27b22ab72ebdec47d2ead8ff2f08cc933767bd7a71449f2f");
    }

    @Test
    void shouldKeepTheBikeShopsDepartmentsAgentsAndRulesAtItsOwnSize() {
        BikeShopHelpDesk shop = new BikeShopHelpDesk(DeskSize.BIKE_SHOP);

        assertThat(shop.agents()).isEqualTo(Map.of(
                "sales", List.of("anna", "bruno", "carla"), "support", List.of("dana", "emil", "filip", "greta"),
                "billing", List.of("hana", "ivan"), "marketing", List.of("jana", "karel"), "vip", List.of("lucie")));
        assertThat(shop.routingRules()).extracting(r -> r.path("id").asText()).containsExactly("vip-customers",
                "social-to-marketing", "money-to-billing", "dealers-to-sales", "defects-to-support", "urgent",
                "unrouted-to-support");
        assertThat(shop.departments().get(0).path("emails").get(0).asText()).isEqualTo("sales@bikes-shop.com");
    }

    @Test
    void shouldAddDepartmentsNumberedInTurnAndShapedLikeTheShops() {
        List<ObjectNode> departments = new BikeShopHelpDesk(new DeskSize(8, 20)).departments();

        assertThat(departments).extracting(d -> d.path("id").asText())
                .containsExactly("sales", "support", "billing", "marketing", "vip", "dept-006", "dept-007", "dept-008");
        ObjectNode sales = departments.get(0);
        ObjectNode added = departments.get(5);
        assertThat(added.path("name").asText()).isEqualTo("Department 6");
        assertThat(added.path("timezone")).isEqualTo(sales.path("timezone"));
        assertThat(added.path("workingHours")).isEqualTo(sales.path("workingHours"));
        assertThat(added.path("sla")).isEqualTo(sales.path("sla"));
        assertThat(added.has("emails")).as("a mailbox belongs to one department").isFalse();
        assertThat(departments.get(6).path("workingHours")).isEqualTo(departments.get(1).path("workingHours"));
    }

    @Test
    void shouldGiveTheAddedAgentsToTheDepartmentsWithFewestTheAddedFirst() {
        Map<String, List<String>> agents = new BikeShopHelpDesk(new DeskSize(8, 20)).agents();

        assertThat(agents.get("dept-006")).containsExactly("agent-13", "agent-16", "agent-20");
        assertThat(agents.get("dept-007")).containsExactly("agent-14", "agent-17");
        assertThat(agents.get("dept-008")).containsExactly("agent-15", "agent-18");
        assertThat(agents.get("vip")).containsExactly("lucie", "agent-19");
        assertThat(agents.get("sales")).containsExactly("anna", "bruno", "carla");
        assertThat(agents.get("support")).containsExactly("dana", "emil", "filip", "greta");
    }

    @Test
    void shouldHaveAsManyDistinctAgentsAsAskedForEachDepartmentStaffed() {
        Map<String, List<String>> agents = new BikeShopHelpDesk(new DeskSize(40, 1_000)).agents();

        Set<String> all = new HashSet<>();
        agents.values().forEach(all::addAll);
        assertThat(agents).hasSize(40);
        assertThat(all).hasSize(1_000);
        assertThat(agents.values()).allSatisfy(names -> assertThat(names).hasSize(25));
    }

    @Test
    void shouldKeepEachDepartmentsFirstAgentsWhenFewerAreAskedFor() {
        Map<String, List<String>> agents = new BikeShopHelpDesk(new DeskSize(5, 10)).agents();

        assertThat(agents.get("sales")).containsExactly("anna", "bruno", "carla");
        assertThat(agents.get("support")).containsExactly("dana", "emil");
        assertThat(agents.get("vip")).containsExactly("lucie");
    }

    @Test
    void shouldLeaveOutTheShopsOwnAgentsBeforeAnAddedDepartmentGoesWithoutOne() {
        Map<String, List<String>> agents = new BikeShopHelpDesk(new DeskSize(7, 8)).agents();

        assertThat(agents.get("dept-006")).containsExactly("agent-7");
        assertThat(agents.get("dept-007")).containsExactly("agent-8");
        assertThat(agents.get("sales")).containsExactly("anna", "bruno");
        assertThat(agents.get("vip")).containsExactly("lucie");
    }

    @Test
    void shouldKeepTheFirstDepartmentsAndOnlyRulesThatReachThemWhenFewerAreAskedFor() {
        BikeShopHelpDesk desk = new BikeShopHelpDesk(new DeskSize(2, 2));

        assertThat(desk.departments()).extracting(d -> d.path("id").asText()).containsExactly("sales", "support");
        assertThat(desk.routingRules()).extracting(r -> r.path("id").asText())
                .containsExactly("dealers-to-sales", "defects-to-support", "urgent", "unrouted-to-support");
        assertThat(desk.presets()).containsExactly("sales", "support");
    }

    @Test
    void shouldSendTheUnroutedToTheOnlyDepartmentOfADeskOfOne() {
        BikeShopHelpDesk desk = new BikeShopHelpDesk(new DeskSize(1, 1));

        ObjectNode fallback = desk.routingRules().get(desk.routingRules().size() - 1);
        assertThat(fallback.path("id").asText()).isEqualTo("unrouted-to-support");
        assertThat(fallback.path("actions").get(0).path("departmentId").asText()).isEqualTo("sales");
        assertThat(desk.agents()).isEqualTo(Map.of("sales", List.of("anna")));
    }

    @Test
    void shouldConfigureASizedDeskThatTheProductAccepts() throws Exception {
        BikeShopHelpDesk desk = new BikeShopHelpDesk(new DeskSize(12, 300));

        for (ObjectNode department : desk.departments()) {
            DepartmentJson.parse(department);
        }
        for (ObjectNode rule : desk.routingRules()) {
            RoutingRuleJson.parse(rule);
        }
    }

    @Test
    void shouldSendConversationsToEveryDepartmentAndEveryAgent() {
        BikeShopHelpDesk desk = new BikeShopHelpDesk(new DeskSize(20, 60));
        List<ObjectNode> aDay = new HelpDeskSimulation(42, MONDAY, 2.0, desk).eventsUntil(MONDAY.plus(Duration.ofDays(1)));

        Set<String> departments = new HashSet<>();
        Set<String> agents = new HashSet<>();
        for (ObjectNode event : aDay) {
            addText(departments, event.path("departmentId"));
            addText(agents, event.path("agentId"));
        }
        assertThat(departments).containsExactlyInAnyOrderElementsOf(desk.agents().keySet());
        List<String> staff = new ArrayList<>();
        desk.agents().values().forEach(staff::addAll);
        assertThat(agents).containsExactlyInAnyOrderElementsOf(staff);
    }

    @Test
    void shouldRefuseADeskWithoutDepartmentsOrWithADepartmentWithoutAgents() {
        assertThatThrownBy(() -> new DeskSize(0, 12)).hasMessage("departments must be from 1 to 10,000, got 0");
        assertThatThrownBy(() -> new DeskSize(5, 0)).hasMessage("agents must be from 1 to 100,000, got 0");
        assertThatThrownBy(() -> new DeskSize(6, 5))
                .hasMessage("every department needs an agent: agents (5) must be at least departments (6)");
        assertThatThrownBy(() -> new DeskSize(10_001, 20_000)).hasMessageContaining("departments must be from 1 to 10,000");
        assertThatThrownBy(() -> new DeskSize(5, 100_001)).hasMessageContaining("agents must be from 1 to 100,000");
    }

    private static void addText(Set<String> to, JsonNode value) {
        if (value.isTextual()) {
            to.add(value.asText());
        }
    }
}
