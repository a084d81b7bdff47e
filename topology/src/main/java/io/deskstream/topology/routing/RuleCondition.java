package io.deskstream.topology.routing;

import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

import io.deskstream.schemas.common.Customer;
import io.deskstream.schemas.config.Condition;

/**
 * One compiled condition of a rule (events.md, Routing rules: Fields and Ops). Every comparison ignores case. A field
 * is seen as a list of values: none when it is missing, one for a plain field, every tag for {@code tags}. A positive
 * op holds when any value holds; {@code isNot}, {@code notIn} and {@code notContains} hold when no value would hold
 * the positive op, so they hold on a missing field too.
 */
final class RuleCondition {

    private final String field;
    private final String op;
    private final boolean negated;
    private final BiPredicate<String, Object> positive;
    private final Object operand;

    private RuleCondition(String field, String op, boolean negated, BiPredicate<String, Object> positive, Object operand) {
        this.field = field;
        this.op = op;
        this.negated = negated;
        this.positive = positive;
        this.operand = operand;
    }

    static RuleCondition compile(Condition condition) {
        String op = condition.getOp();
        Object value = condition.getValue();
        return switch (op) {
            case "is", "isNot" -> of(condition, op.equals("isNot"), (v, x) -> v.equals(x), fold(text(condition, value)));
            case "contains", "notContains" ->
                    of(condition, op.equals("notContains"), (v, x) -> v.contains((String) x), fold(text(condition, value)));
            case "startsWith" -> of(condition, false, (v, x) -> v.startsWith((String) x), fold(text(condition, value)));
            case "endsWith" -> of(condition, false, (v, x) -> v.endsWith((String) x), fold(text(condition, value)));
            case "in", "notIn" -> of(condition, op.equals("notIn"), (v, x) -> ((List<?>) x).contains(v),
                    list(condition, value).stream().map(RuleCondition::fold).toList());
            case "matches" -> of(condition, false, (v, x) -> ((Pattern) x).matcher(v).find(),
                    Pattern.compile(text(condition, value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            case "exists", "notExists" -> new RuleCondition(condition.getField(), op, false, null, null);
            default -> throw new IllegalArgumentException("unknown op \"" + op + "\" on field " + condition.getField());
        };
    }

    boolean holds(ConversationFacts facts, String department, TagSet tags) {
        List<String> values = values(facts, department, tags);
        if (op.equals("exists")) {
            return !values.isEmpty();
        }
        if (op.equals("notExists")) {
            return values.isEmpty();
        }
        boolean any = false;
        for (String value : values) {
            if (positive.test(fold(value), operand)) {
                any = true;
                break;
            }
        }
        return negated != any;
    }

    private List<String> values(ConversationFacts facts, String department, TagSet tags) {
        Customer c = facts.customer();
        String single = switch (field) {
            case "channel" -> facts.channel();
            case "subject" -> facts.subject();
            case "departmentId" -> department;
            case "customer.id" -> c == null ? null : c.getId();
            case "customer.email" -> c == null ? null : c.getEmail();
            case "customer.emailDomain" -> c == null ? null : emailDomain(c.getEmail());
            case "customer.type" -> c == null ? null : c.getType();
            case "customer.country" -> c == null ? null : c.getCountry();
            case "customer.language" -> c == null ? null : c.getLanguage();
            case "tags" -> null;
            default -> throw new IllegalStateException("field " + field + " was not checked at compile time");
        };
        if (field.equals("tags")) {
            return tags.asList();
        }
        return single == null ? List.of() : List.of(single);
    }

    private static String emailDomain(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 || at == email.length() - 1 ? null : email.substring(at + 1);
    }

    private static RuleCondition of(Condition c, boolean negated, BiPredicate<String, Object> positive, Object operand) {
        if (!io.deskstream.schemas.json.RoutingRuleJson.FIELDS.contains(c.getField())) {
            throw new IllegalArgumentException("unknown field \"" + c.getField() + "\"");
        }
        return new RuleCondition(c.getField(), c.getOp(), negated, positive, operand);
    }

    private static String text(Condition c, Object value) {
        if (!(value instanceof CharSequence s)) {
            throw new IllegalArgumentException("op " + c.getOp() + " on " + c.getField() + " needs a string value");
        }
        return s.toString();
    }

    private static List<String> list(Condition c, Object value) {
        if (!(value instanceof List<?> values)) {
            throw new IllegalArgumentException("op " + c.getOp() + " on " + c.getField() + " needs a list of strings");
        }
        return values.stream().map(Object::toString).toList();
    }

    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
