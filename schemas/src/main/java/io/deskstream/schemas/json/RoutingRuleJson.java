package io.deskstream.schemas.json;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.config.AddTagsAction;
import io.deskstream.schemas.config.AssignAction;
import io.deskstream.schemas.config.Condition;
import io.deskstream.schemas.config.ConditionGroup;
import io.deskstream.schemas.config.RoutingRule;
import io.deskstream.schemas.config.TransferAction;

/**
 * The canonical JSON form of a routing rule (events.md, Routing rules), both ways. Parsing checks everything a rule
 * needs to run: known fields and ops, a value of the shape the op takes, a regular expression that compiles, known
 * actions; the error names the field at fault by its path, e.g. {@code conditionGroups[0].conditions[1].op}.
 */
public final class RoutingRuleJson {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final List<String> FIELDS = List.of("channel", "subject", "departmentId", "customer.id",
            "customer.email", "customer.emailDomain", "customer.type", "customer.country", "customer.language", "tags");
    public static final List<String> SINGLE_VALUE_OPS =
            List.of("is", "isNot", "contains", "notContains", "startsWith", "endsWith", "matches");
    public static final List<String> LIST_OPS = List.of("in", "notIn");
    public static final List<String> NO_VALUE_OPS = List.of("exists", "notExists");
    public static final List<String> ACTIONS = List.of("transfer", "assign", "addTags");

    private RoutingRuleJson() {
    }

    public static RoutingRule parse(ObjectNode json) throws InvalidInputException {
        FieldReader f = new FieldReader(json);
        String id = f.requiredString("id");
        if (!ID.matcher(id).matches()) {
            throw f.bad("id", "must match [A-Za-z0-9][A-Za-z0-9_.-]{0,63}, got \"" + id + "\"");
        }
        Boolean active = f.optionalBoolean("active");
        Boolean stop = f.optionalBoolean("stopProcessing");
        return RoutingRule.newBuilder()
                .setId(id)
                .setName(f.requiredString("name"))
                .setNotes(f.optionalString("notes"))
                .setActive(active == null || active)
                .setOrder(order(f))
                .setConditionGroups(conditionGroups(f))
                .setActions(actions(f))
                .setStopProcessing(stop != null && stop)
                .build();
    }

    public static ObjectNode toJson(RoutingRule rule) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", rule.getId());
        json.put("name", rule.getName());
        if (rule.getNotes() != null) {
            json.put("notes", rule.getNotes());
        }
        json.put("active", rule.getActive());
        json.put("order", rule.getOrder());
        ArrayNode groups = json.putArray("conditionGroups");
        for (ConditionGroup group : rule.getConditionGroups()) {
            ArrayNode conditions = groups.addObject().putArray("conditions");
            for (Condition c : group.getConditions()) {
                ObjectNode condition = conditions.addObject().put("field", c.getField()).put("op", c.getOp());
                if (c.getValue() instanceof List<?> values) {
                    ArrayNode array = condition.putArray("value");
                    values.forEach(v -> array.add(v.toString()));
                } else if (c.getValue() != null) {
                    condition.put("value", c.getValue().toString());
                }
            }
        }
        ArrayNode actions = json.putArray("actions");
        for (Object action : rule.getActions()) {
            ObjectNode a = actions.addObject();
            if (action instanceof TransferAction t) {
                a.put("type", "transfer").put("departmentId", t.getDepartmentId());
            } else if (action instanceof AssignAction as) {
                a.put("type", "assign").put("agentId", as.getAgentId());
            } else if (action instanceof AddTagsAction tags) {
                ArrayNode list = a.put("type", "addTags").putArray("tags");
                tags.getTags().forEach(list::add);
            }
        }
        json.put("stopProcessing", rule.getStopProcessing());
        return json;
    }

    private static int order(FieldReader f) throws InvalidInputException {
        JsonNode order = f.raw("order");
        if (order == null || order.isNull()) {
            return 0;
        }
        if (!order.isIntegralNumber() || !order.canConvertToInt()) {
            throw f.bad("order", "must be a whole number, got " + order);
        }
        return order.intValue();
    }

    private static List<ConditionGroup> conditionGroups(FieldReader f) throws InvalidInputException {
        List<ConditionGroup> groups = new ArrayList<>();
        List<FieldReader> groupReaders = objects(f, "conditionGroups", false);
        for (FieldReader group : groupReaders) {
            List<Condition> conditions = new ArrayList<>();
            for (FieldReader condition : objects(group, "conditions", true)) {
                conditions.add(condition(condition));
            }
            groups.add(new ConditionGroup(conditions));
        }
        return groups;
    }

    private static Condition condition(FieldReader c) throws InvalidInputException {
        String field = c.requiredString("field");
        if (!FIELDS.contains(field)) {
            throw c.bad("field", "is \"" + field + "\", not a field rules can test; fields are " + FIELDS);
        }
        String op = c.requiredString("op");
        Object value;
        if (SINGLE_VALUE_OPS.contains(op)) {
            value = c.requiredString("value");
            if (op.equals("matches")) {
                compile(c, (String) value);
            }
        } else if (LIST_OPS.contains(op)) {
            value = c.requiredStrings("value");
        } else if (NO_VALUE_OPS.contains(op)) {
            JsonNode v = c.raw("value");
            if (v != null && !v.isNull()) {
                throw c.bad("value", "must be absent for op " + op);
            }
            value = null;
        } else {
            throw c.bad("op", "is \"" + op + "\", not an op; ops are " + SINGLE_VALUE_OPS + LIST_OPS + NO_VALUE_OPS);
        }
        return new Condition(field, op, value);
    }

    private static void compile(FieldReader c, String regex) throws InvalidInputException {
        try {
            Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw c.bad("value", "is not a regular expression that compiles: " + e.getDescription()
                    + " near index " + e.getIndex() + " of \"" + regex + "\"");
        }
    }

    private static List<Object> actions(FieldReader f) throws InvalidInputException {
        List<Object> actions = new ArrayList<>();
        for (FieldReader a : objects(f, "actions", false)) {
            String type = a.requiredString("type");
            switch (type) {
                case "transfer" -> actions.add(new TransferAction(a.requiredDepartmentId("departmentId")));
                case "assign" -> actions.add(new AssignAction(a.requiredNullableId("agentId")));
                case "addTags" -> actions.add(new AddTagsAction(a.requiredStrings("tags")));
                default -> throw a.bad("type", "is \"" + type + "\", not an action; actions are " + ACTIONS);
            }
        }
        return actions;
    }

    /** The objects of an array field, each reading its fields under the path {@code field[i].}. */
    private static List<FieldReader> objects(FieldReader f, String field, boolean required) throws InvalidInputException {
        JsonNode node = f.raw(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw f.missing(field);
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw f.bad(field, "must be an array of objects");
        }
        List<FieldReader> readers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                throw f.bad(field + "[" + i + "]", "must be an object");
            }
            readers.add(new FieldReader((ObjectNode) node.get(i), f.name(field) + "[" + i + "]."));
        }
        return readers;
    }
}
