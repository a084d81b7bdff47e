package io.deskstream.api.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import org.junit.jupiter.api.Test;

/** The what-if's question: the draft checked rule by rule as the rules API checks a rule, and the range. */
class WhatIfQuestionTest {

    private static final String RULE = """
            {"id": "social-to-sales", "name": "Social", "order": 1,
             "conditionGroups": [{"conditions": [{"field": "channel", "op": "is", "value": "facebook"}]}],
             "actions": [{"type": "transfer", "departmentId": "sales"}]}""";

    private static ObjectNode body(String rules, String from, String to) throws Exception {
        return (ObjectNode) ApiJson.MAPPER.readTree("{\"rules\": " + rules + ", \"from\": \"" + from + "\", \"to\": \"" + to + "\"}");
    }

    private static String refusal(ObjectNode body) {
        ApiError error = (ApiError) catchThrowable(() -> WhatIfQuestion.read(body));
        assertThat(error).isNotNull();
        assertThat(error.status()).isEqualTo(400);
        return error.getMessage();
    }

    @Test
    void aDraftAndARangeAreRead() throws Exception {
        WhatIfQuestion question = WhatIfQuestion.read(body("[" + RULE + "]", "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z"));

        assertThat(question.ruleCount()).isEqualTo(1);
        assertThat(question.rules().size()).isEqualTo(1);
        assertThat(question.from()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(question.to()).isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
    }

    @Test
    void aRuleWithAnUnknownFieldIsNamedWithTheField() throws Exception {
        String message = refusal(body("[" + RULE.replace("\"channel\"", "\"colour\"") + "]",
                "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z"));

        assertThat(message).contains("rules[0] (social-to-sales)").contains("colour");
    }

    @Test
    void aRuleWithoutANameIsNamedByItsPlace() throws Exception {
        String message = refusal(body("[" + RULE + ", {\"id\": \"second\", \"order\": 2}]",
                "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z"));

        assertThat(message).contains("rules[1] (second)").contains("name");
    }

    @Test
    void twoRulesWithOneIdAreRefused() throws Exception {
        assertThat(refusal(body("[" + RULE + ", " + RULE + "]", "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z")))
                .contains("rules[1]").contains("twice");
    }

    @Test
    void rulesThatAreNotAnArrayAreRefused() throws Exception {
        assertThat(refusal(body(RULE, "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z"))).startsWith("rules:");
    }

    @Test
    void aRangeThatIsNotInstantsOrEndsBeforeItStartsIsRefused() throws Exception {
        assertThat(refusal(body("[]", "yesterday", "2026-11-09T00:00:00Z"))).startsWith("from must be an ISO instant");
        assertThat(refusal(body("[]", "2026-11-09T00:00:00Z", "2026-11-09T00:00:00Z"))).contains("must be after from");
    }

    @Test
    void anUnknownFieldOfTheQuestionIsRefused() throws Exception {
        ObjectNode body = body("[]", "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z");
        body.put("limit", 5);

        assertThat(refusal(body)).startsWith("limit: unknown field");
    }

    @Test
    void anEmptyDraftIsAQuestionToo() throws Exception {
        assertThat(WhatIfQuestion.read(body("[]", "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z")).rules().size()).isZero();
        assertThatThrownBy(() -> WhatIfQuestion.read(body("[1]", "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z")))
                .hasMessageContaining("rules[0]: must be an object");
    }
}
