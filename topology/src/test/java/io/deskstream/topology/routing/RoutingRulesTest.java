package io.deskstream.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.common.Customer;
import io.deskstream.schemas.config.Condition;
import io.deskstream.schemas.config.ConditionGroup;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.json.RoutingRuleJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sentences of events.md, Routing rules, one test each. */
class RoutingRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Customer ANN = new Customer("c-1", "Ann@Bikes-Shop.com", "VIP", "CZ", "cs");

    private static RoutingRule rule(String json) {
        try {
            return RoutingRuleJson.parse((ObjectNode) JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A rule that tags "hit" when one condition holds. */
    private static RoutingRule when(String field, String op, String valueJson) {
        return rule("{\"id\": \"r\", \"name\": \"r\", \"conditionGroups\": [{\"conditions\": [{\"field\": \"" + field
                + "\", \"op\": \"" + op + "\"" + (valueJson == null ? "" : ", \"value\": " + valueJson)
                + "}]}], \"actions\": [{\"type\": \"addTags\", \"tags\": [\"hit\"]}]}");
    }

    private static boolean holds(RoutingRule rule, ConversationFacts facts) {
        return !RoutingRules.of(List.of(rule)).route(facts).matchedRules().isEmpty();
    }

    private static ConversationFacts email(String subject) {
        return new ConversationFacts("email", subject, null, ANN, List.of());
    }

    private static ConversationFacts tagged(String... tags) {
        return new ConversationFacts("email", "s", null, null, List.of(tags));
    }

    private static final ConversationFacts NO_CUSTOMER = new ConversationFacts("web", null, null, null, List.of());

    @Nested
    class Ops {

        @Test
        void isComparesWholeValuesIgnoringCase() {
            assertThat(holds(when("customer.type", "is", "\"vip\""), email("s"))).isTrue();
            assertThat(holds(when("customer.type", "is", "\"vi\""), email("s"))).isFalse();
        }

        @Test
        void isNotHoldsWhenTheValueDiffers() {
            assertThat(holds(when("channel", "isNot", "\"CALL\""), email("s"))).isTrue();
            assertThat(holds(when("channel", "isNot", "\"EMAIL\""), email("s"))).isFalse();
        }

        @Test
        void inHoldsWhenTheValueIsInTheList() {
            assertThat(holds(when("channel", "in", "[\"web\", \"Email\"]"), email("s"))).isTrue();
            assertThat(holds(when("channel", "in", "[\"web\", \"api\"]"), email("s"))).isFalse();
        }

        @Test
        void notInHoldsWhenTheValueIsNotInTheList() {
            assertThat(holds(when("channel", "notIn", "[\"web\", \"api\"]"), email("s"))).isTrue();
            assertThat(holds(when("channel", "notIn", "[\"EMAIL\"]"), email("s"))).isFalse();
        }

        @Test
        void containsFindsAPartIgnoringCase() {
            assertThat(holds(when("subject", "contains", "\"REFUND\""), email("My refund please"))).isTrue();
            assertThat(holds(when("subject", "contains", "\"invoice\""), email("My refund please"))).isFalse();
        }

        @Test
        void notContainsHoldsWhenThePartIsAbsent() {
            assertThat(holds(when("subject", "notContains", "\"invoice\""), email("My refund"))).isTrue();
            assertThat(holds(when("subject", "notContains", "\"Refund\""), email("My refund"))).isFalse();
        }

        @Test
        void startsWithAndEndsWithIgnoreCase() {
            assertThat(holds(when("subject", "startsWith", "\"cannot\""), email("Cannot log in"))).isTrue();
            assertThat(holds(when("subject", "endsWith", "\"LOG IN\""), email("Cannot log in"))).isTrue();
            assertThat(holds(when("subject", "startsWith", "\"log\""), email("Cannot log in"))).isFalse();
        }

        @Test
        void matchesFindsARegularExpressionAnywhereIgnoringCase() {
            assertThat(holds(when("subject", "matches", "\"invoice|refund\""), email("Wrong INVOICE 12"))).isTrue();
            assertThat(holds(when("subject", "matches", "\"^invoice\""), email("Wrong invoice"))).isFalse();
        }

        @Test
        void existsAndNotExistsAskWhetherTheFieldIsThere() {
            assertThat(holds(when("subject", "exists", null), email("s"))).isTrue();
            assertThat(holds(when("subject", "exists", null), NO_CUSTOMER)).isFalse();
            assertThat(holds(when("subject", "notExists", null), NO_CUSTOMER)).isTrue();
        }
    }

    @Nested
    class MissingFields {

        @Test
        void aMissingFieldFailsEveryPositiveOp() {
            for (String op : List.of("is", "contains", "startsWith", "endsWith", "matches")) {
                assertThat(holds(when("customer.country", op, "\"x\""), NO_CUSTOMER)).as(op).isFalse();
            }
            assertThat(holds(when("customer.country", "in", "[\"x\"]"), NO_CUSTOMER)).isFalse();
        }

        @Test
        void aMissingFieldPassesIsNotNotInNotContainsAndNotExists() {
            assertThat(holds(when("customer.country", "isNot", "\"x\""), NO_CUSTOMER)).isTrue();
            assertThat(holds(when("customer.country", "notIn", "[\"x\"]"), NO_CUSTOMER)).isTrue();
            assertThat(holds(when("customer.country", "notContains", "\"x\""), NO_CUSTOMER)).isTrue();
            assertThat(holds(when("customer.country", "notExists", null), NO_CUSTOMER)).isTrue();
        }
    }

    @Nested
    class Fields {

        @Test
        void everyCustomerFieldIsReadFromTheCustomer() {
            assertThat(holds(when("customer.id", "is", "\"C-1\""), email("s"))).isTrue();
            assertThat(holds(when("customer.email", "is", "\"ann@bikes-shop.com\""), email("s"))).isTrue();
            assertThat(holds(when("customer.type", "is", "\"vip\""), email("s"))).isTrue();
            assertThat(holds(when("customer.country", "is", "\"cz\""), email("s"))).isTrue();
            assertThat(holds(when("customer.language", "is", "\"CS\""), email("s"))).isTrue();
        }

        @Test
        void emailDomainIsThePartAfterTheLastAt() {
            ConversationFacts quoted = new ConversationFacts("email", "s", null,
                    new Customer(null, "\"a@b\"@Partner-Shop.com", null, null, null), List.of());

            assertThat(holds(when("customer.emailDomain", "is", "\"partner-shop.com\""), quoted)).isTrue();
        }

        @Test
        void departmentIdIsThePresetDepartment() {
            ConversationFacts preset = new ConversationFacts("email", "s", "sales", null, List.of());

            assertThat(holds(when("departmentId", "is", "\"SALES\""), preset)).isTrue();
            assertThat(holds(when("departmentId", "notExists", null), email("s"))).isTrue();
        }
    }

    @Nested
    class Tags {

        @Test
        void isContainsAndStartsWithHoldWhenAnyOneTagHolds() {
            assertThat(holds(when("tags", "is", "\"GOLD\""), tagged("new", "gold"))).isTrue();
            assertThat(holds(when("tags", "contains", "\"ol\""), tagged("new", "gold"))).isTrue();
            assertThat(holds(when("tags", "startsWith", "\"go\""), tagged("new", "gold"))).isTrue();
        }

        @Test
        void inHoldsWhenAnyTagIsInTheList() {
            assertThat(holds(when("tags", "in", "[\"gold\", \"silver\"]"), tagged("new", "Gold"))).isTrue();
            assertThat(holds(when("tags", "in", "[\"silver\"]"), tagged("new", "Gold"))).isFalse();
        }

        @Test
        void negativeOpsHoldWhenNoTagWouldMatchThePositiveOp() {
            assertThat(holds(when("tags", "isNot", "\"gold\""), tagged("new", "gold"))).isFalse();
            assertThat(holds(when("tags", "isNot", "\"gold\""), tagged("new"))).isTrue();
            assertThat(holds(when("tags", "notIn", "[\"gold\"]"), tagged("new", "GOLD"))).isFalse();
            assertThat(holds(when("tags", "notContains", "\"ol\""), tagged("new", "gold"))).isFalse();
            assertThat(holds(when("tags", "notContains", "\"ol\""), tagged())).isTrue();
        }

        @Test
        void tagsAddedByAnEarlierRuleAreSeenByLaterRules() {
            RoutingRules rules = RoutingRules.of(List.of(
                    rule("{\"id\": \"a\", \"name\": \"a\", \"order\": 1, \"actions\": [{\"type\": \"addTags\", \"tags\": [\"billing\"]}]}"),
                    rule("{\"id\": \"b\", \"name\": \"b\", \"order\": 2, \"conditionGroups\": [{\"conditions\": "
                            + "[{\"field\": \"tags\", \"op\": \"is\", \"value\": \"Billing\"}]}], "
                            + "\"actions\": [{\"type\": \"transfer\", \"departmentId\": \"billing\"}]}")));

            assertThat(rules.route(tagged()).department()).isEqualTo("billing");
        }

        @Test
        void aTagInAnotherCaseIsTheSameTagAndKeepsTheFirstSpelling() {
            RoutingRules rules = RoutingRules.of(List.of(rule(
                    "{\"id\": \"a\", \"name\": \"a\", \"actions\": [{\"type\": \"addTags\", \"tags\": [\"VIP\", \"vip\", \"gold\"]}]}")));

            assertThat(rules.route(tagged("Gold")).tags()).containsExactly("Gold", "VIP");
        }
    }

    @Nested
    class OrderAndStopping {

        @Test
        void activeRulesRunInAscendingOrderThenId() {
            List<RoutingRule> rules = new ArrayList<>();
            for (String[] r : new String[][] {{"c", "5"}, {"b", "1"}, {"a", "5"}}) {
                rules.add(rule("{\"id\": \"" + r[0] + "\", \"name\": \"n\", \"order\": " + r[1] + "}"));
            }

            assertThat(RoutingRules.of(rules).route(email("s")).matchedRules()).containsExactly("b", "a", "c");
        }

        @Test
        void anInactiveRuleNeverRuns() {
            RoutingRules rules = RoutingRules.of(List.of(rule(
                    "{\"id\": \"off\", \"name\": \"n\", \"active\": false, \"actions\": [{\"type\": \"transfer\", \"departmentId\": \"hr\"}]}")));

            assertThat(rules.route(email("s")).matchedRules()).isEmpty();
            assertThat(rules.route(email("s")).department()).isNull();
        }

        @Test
        void aRuleMatchesWhenAnyGroupMatchesAndAGroupWhenAllItsConditionsMatch() {
            RoutingRule rule = rule("""
                    {"id": "r", "name": "r", "conditionGroups": [
                      {"conditions": [{"field": "channel", "op": "is", "value": "web"}, {"field": "subject", "op": "exists"}]},
                      {"conditions": [{"field": "channel", "op": "is", "value": "email"}, {"field": "subject", "op": "contains", "value": "bug"}]}]}""");

            assertThat(holds(rule, email("a bug"))).isTrue();
            assertThat(holds(rule, email("a question"))).isFalse();
            assertThat(holds(rule, NO_CUSTOMER)).isFalse();
        }

        @Test
        void aRuleWithNoConditionGroupsMatchesEverything() {
            assertThat(holds(rule("{\"id\": \"all\", \"name\": \"n\"}"), NO_CUSTOMER)).isTrue();
        }

        @Test
        void stopProcessingEndsRoutingAfterThatRulesActions() {
            RoutingRules rules = RoutingRules.of(List.of(
                    rule("{\"id\": \"a\", \"name\": \"n\", \"order\": 1, \"stopProcessing\": true, "
                            + "\"actions\": [{\"type\": \"transfer\", \"departmentId\": \"vip\"}]}"),
                    rule("{\"id\": \"b\", \"name\": \"n\", \"order\": 2, \"actions\": [{\"type\": \"transfer\", \"departmentId\": \"sales\"}]}")));

            RoutingOutcome outcome = rules.route(email("s"));

            assertThat(outcome.department()).isEqualTo("vip");
            assertThat(outcome.matchedRules()).containsExactly("a");
        }

        @Test
        void aTransferIsSeenByTheRulesAfterIt() {
            RoutingRules rules = RoutingRules.of(List.of(
                    rule("{\"id\": \"a\", \"name\": \"n\", \"order\": 1, \"actions\": [{\"type\": \"transfer\", \"departmentId\": \"sales\"}]}"),
                    rule("{\"id\": \"b\", \"name\": \"n\", \"order\": 2, \"conditionGroups\": [{\"conditions\": "
                            + "[{\"field\": \"departmentId\", \"op\": \"is\", \"value\": \"sales\"}]}], "
                            + "\"actions\": [{\"type\": \"assign\", \"agentId\": \"a-3\"}]}")));

            assertThat(rules.route(email("s")).agent()).isEqualTo("a-3");
        }

        @Test
        void anAssignToNullUnassignsAndActionsApplyInOrder() {
            RoutingRules rules = RoutingRules.of(List.of(rule("{\"id\": \"a\", \"name\": \"n\", \"actions\": ["
                    + "{\"type\": \"assign\", \"agentId\": \"a-1\"}, {\"type\": \"assign\", \"agentId\": null}]}")));

            assertThat(rules.route(email("s")).agent()).isNull();
        }

        @Test
        void noDepartmentAfterRoutingIsReportedAsNone() {
            RoutingOutcome outcome = RoutingRules.none().route(email("s"));

            assertThat(outcome.department()).isNull();
            assertThat(outcome.reportedDepartment()).isEqualTo("none");
        }

        @Test
        void theConversationStartsInItsPresetDepartmentWithNoAgent() {
            RoutingOutcome outcome = RoutingRules.none()
                    .route(new ConversationFacts("email", "s", "billing", null, List.of("x")));

            assertThat(outcome).isEqualTo(new RoutingOutcome("billing", null, List.of("x"), List.of()));
        }
    }

    @Test
    void aRuleThatCannotRunIsRefusedNamingTheRule() {
        RoutingRule bad = RoutingRule.newBuilder().setId("broken").setName("n")
                .setConditionGroups(List.of(new ConditionGroup(List.of(new Condition("channel", "like", "x")))))
                .build();

        assertThatThrownBy(() -> RoutingRules.of(List.of(bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule broken").hasMessageContaining("\"like\"");
    }

    @Test
    void aRuleWrittenToItsTopicWithAnInvalidDepartmentOrAgentIdIsRefusedNamingTheRule() {
        RoutingRule toNul = RoutingRule.newBuilder().setId("to-nul").setName("n")
                .setActions(List.of(new io.deskstream.schemas.config.TransferAction("x\u0000y"))).build();
        RoutingRule longAgent = RoutingRule.newBuilder().setId("long-agent").setName("n")
                .setActions(List.of(new io.deskstream.schemas.config.AssignAction("a".repeat(300)))).build();

        assertThatThrownBy(() -> RoutingRules.of(List.of(toNul)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule to-nul").hasMessageContaining("departmentId").hasMessageContaining("U+0000");
        assertThatThrownBy(() -> RoutingRules.of(List.of(longAgent)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule long-agent").hasMessageContaining("agentId").hasMessageContaining("300 characters");
    }
}
