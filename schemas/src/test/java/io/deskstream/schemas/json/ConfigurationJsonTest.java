package io.deskstream.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.config.AssignAction;
import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.config.WorkingInterval;
import org.junit.jupiter.api.Test;

class ConfigurationJsonTest {

    private static final Path CONFORMANCE = Path.of(System.getProperty("deskstream.conformance.dir", "../conformance"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReadEveryConformanceDepartmentAndWriteItBackUnchanged() throws Exception {
        for (JsonNode node : JSON.readTree(CONFORMANCE.resolve("departments.json").toFile())) {
            Department department = DepartmentJson.parse((ObjectNode) node);

            assertThat(DepartmentJson.parse(DepartmentJson.toJson(department))).isEqualTo(department);
        }
    }

    @Test
    void shouldReadEveryConformanceRuleAndWriteItBackUnchanged() throws Exception {
        for (JsonNode node : JSON.readTree(CONFORMANCE.resolve("rules.json").toFile())) {
            RoutingRule rule = RoutingRuleJson.parse((ObjectNode) node);

            assertThat(RoutingRuleJson.parse(RoutingRuleJson.toJson(rule))).isEqualTo(rule);
        }
    }

    @Test
    void shouldReadWorkingHoursAsIntervalsPerDay() throws Exception {
        Department d = DepartmentJson.parse(json("""
                {"id": "sales", "name": "Sales", "timezone": "Europe/Prague",
                 "workingHours": {"tue": [["09:00", "12:00"], ["13:00", "17:00"]]}}"""));

        assertThat(d.getWorkingHours().get("tue"))
                .containsExactly(new WorkingInterval("09:00", "12:00"), new WorkingInterval("13:00", "17:00"));
        assertThat(d.getWorkingHours()).doesNotContainKey("mon");
    }

    @Test
    void shouldLeaveWorkingHoursAbsentWhenTheDepartmentWorksAllTheTime() throws Exception {
        Department d = DepartmentJson.parse(json("{\"id\": \"vip\", \"name\": \"VIP\"}"));

        assertThat(d.getWorkingHours()).isNull();
        assertThat(d.getAgents()).isEmpty();
    }

    @Test
    void shouldRefuseADepartmentIdOutsideThePatternOfEventsMd() {
        assertRefused(() -> DepartmentJson.parse(json("{\"id\": \"Sales Team\", \"name\": \"Sales\"}")),
                "bad id", "'id'");
    }

    @Test
    void shouldRefuseAnUnknownTimeZone() {
        assertRefused(() -> DepartmentJson.parse(json("{\"id\": \"sales\", \"name\": \"Sales\", \"timezone\": \"Mars/Olympus\"}")),
                "bad timezone", "Mars/Olympus");
    }

    @Test
    void shouldRefuseAWorkingDayThatIsNotADay() {
        assertRefused(() -> DepartmentJson.parse(json("{\"id\": \"s\", \"name\": \"S\", \"workingHours\": {\"monday\": []}}")),
                "bad workingHours.monday", "'workingHours.monday'");
    }

    @Test
    void shouldRefuseAnIntervalThatEndsBeforeItStarts() {
        assertRefused(() -> DepartmentJson.parse(json(
                        "{\"id\": \"s\", \"name\": \"S\", \"workingHours\": {\"mon\": [[\"17:00\", \"09:00\"]]}}")),
                "bad workingHours.mon[0]", "must end after it starts");
    }

    @Test
    void shouldRefuseASlaThatIsNotAPositiveNumberOfSeconds() {
        assertRefused(() -> DepartmentJson.parse(json(
                        "{\"id\": \"s\", \"name\": \"S\", \"sla\": {\"firstResponseSeconds\": -5}}")),
                "bad sla.firstResponseSeconds", "'sla.firstResponseSeconds'");
    }

    @Test
    void shouldDefaultARuleToActiveOrderZeroAndNotStopping() throws Exception {
        RoutingRule rule = RoutingRuleJson.parse(json("{\"id\": \"r-1\", \"name\": \"Everything\"}"));

        assertThat(rule.getActive()).isTrue();
        assertThat(rule.getOrder()).isZero();
        assertThat(rule.getStopProcessing()).isFalse();
        assertThat(rule.getConditionGroups()).isEmpty();
    }

    @Test
    void shouldKeepAnAssignToNobody() throws Exception {
        RoutingRule rule = RoutingRuleJson.parse(json(
                "{\"id\": \"r-1\", \"name\": \"n\", \"actions\": [{\"type\": \"assign\", \"agentId\": null}]}"));

        assertThat(rule.getActions()).containsExactly(new AssignAction(null));
    }

    @Test
    void shouldRefuseAnUnknownOpNamingItsPath() {
        assertRefused(() -> RoutingRuleJson.parse(json("""
                        {"id": "r-1", "name": "n", "conditionGroups": [{"conditions": [
                          {"field": "channel", "op": "is", "value": "email"},
                          {"field": "channel", "op": "like", "value": "e%"}]}]}""")),
                "bad conditionGroups[0].conditions[1].op", "\"like\"");
    }

    @Test
    void shouldRefuseAFieldRulesCannotTest() {
        assertRefused(() -> RoutingRuleJson.parse(json("""
                        {"id": "r-1", "name": "n", "conditionGroups": [{"conditions": [
                          {"field": "customer.age", "op": "is", "value": "42"}]}]}""")),
                "bad conditionGroups[0].conditions[0].field", "customer.age");
    }

    @Test
    void shouldRefuseAnOpWithoutTheValueItNeeds() {
        assertRefused(() -> RoutingRuleJson.parse(json("""
                        {"id": "r-1", "name": "n", "conditionGroups": [{"conditions": [
                          {"field": "subject", "op": "contains"}]}]}""")),
                "missing conditionGroups[0].conditions[0].value", "'conditionGroups[0].conditions[0].value'");
    }

    @Test
    void shouldRefuseInWithASingleValueInsteadOfAList() {
        assertRefused(() -> RoutingRuleJson.parse(json("""
                        {"id": "r-1", "name": "n", "conditionGroups": [{"conditions": [
                          {"field": "channel", "op": "in", "value": "email"}]}]}""")),
                "bad conditionGroups[0].conditions[0].value", "array of strings");
    }

    @Test
    void shouldRefuseARegularExpressionThatDoesNotCompile() {
        assertRefused(() -> RoutingRuleJson.parse(json("""
                        {"id": "r-1", "name": "n", "conditionGroups": [{"conditions": [
                          {"field": "subject", "op": "matches", "value": "(refund"}]}]}""")),
                "bad conditionGroups[0].conditions[0].value", "not a regular expression that compiles");
    }

    @Test
    void shouldRefuseAnUnknownAction() {
        assertRefused(() -> RoutingRuleJson.parse(json(
                        "{\"id\": \"r-1\", \"name\": \"n\", \"actions\": [{\"type\": \"escalate\"}]}")),
                "bad actions[0].type", "\"escalate\"");
    }

    @Test
    void shouldRefuseAnOrderThatIsNotAWholeNumber() {
        assertRefused(() -> RoutingRuleJson.parse(json("{\"id\": \"r-1\", \"name\": \"n\", \"order\": \"first\"}")),
                "bad order", "'order'");
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    private interface Parse {
        Object run() throws Exception;
    }

    private static void assertRefused(Parse parse, String reason, String messagePart) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

}
