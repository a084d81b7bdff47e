package io.deskstream.schemas.json;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.ids.Ids;

/**
 * Reads typed fields of one JSON object, failing with an {@link InvalidInputException} that names the field. A
 * {@code path} prefix (e.g. {@code customer.}) makes nested fields name themselves fully.
 */
final class FieldReader {

    private final ObjectNode object;
    private final String path;

    FieldReader(ObjectNode object, String path) {
        this.object = object;
        this.path = path;
    }

    FieldReader(ObjectNode object) {
        this(object, "");
    }

    boolean has(String field) {
        return object.has(field);
    }

    /** A string that must be present and not empty. */
    String requiredString(String field) throws InvalidInputException {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw missing(field);
        }
        return nonEmptyText(field, node);
    }

    /** A string that may be absent or null. */
    String optionalString(String field) throws InvalidInputException {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return nonEmptyText(field, node);
    }

    /** An event, conversation or agent id (events.md, Ids) that must be present; one breaking the rules is refused. */
    String requiredId(String field) throws InvalidInputException {
        return id(field, requiredText(field), false);
    }

    /** An id that may be absent or null. */
    String optionalId(String field) throws InvalidInputException {
        return id(field, optionalText(field), false);
    }

    /** An id that must be present but may be null, e.g. {@code agentId} of {@code ticket.assigned}. */
    String requiredNullableId(String field) throws InvalidInputException {
        if (!object.has(field)) {
            throw missing(field);
        }
        return optionalId(field);
    }

    /** A department id that must be present. */
    String requiredDepartmentId(String field) throws InvalidInputException {
        return id(field, requiredText(field), true);
    }

    /** A department id that may be absent or null. */
    String optionalDepartmentId(String field) throws InvalidInputException {
        return id(field, optionalText(field), true);
    }

    /** An array of ids; absent or null gives an empty list. Each is named by its index, e.g. {@code agents[1]}. */
    List<String> optionalIds(String field) throws InvalidInputException {
        List<String> ids = optionalStrings(field);
        for (int i = 0; i < ids.size(); i++) {
            id(field + "[" + i + "]", ids.get(i), false);
        }
        return ids;
    }

    /** One of a closed set of lower-case words; {@code reasonLabel} names the category of a bad value. */
    String requiredWord(String field, List<String> allowed, String reasonLabel) throws InvalidInputException {
        String value = requiredString(field);
        if (!allowed.contains(value)) {
            throw new InvalidInputException("bad " + reasonLabel,
                    "field '" + path + field + "' must be one of " + allowed + ", got \"" + value + "\"");
        }
        return value;
    }

    /** An array of non-empty strings; absent or null gives an empty list. */
    List<String> optionalStrings(String field) throws InvalidInputException {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return new ArrayList<>();
        }
        return strings(field, node);
    }

    List<String> requiredStrings(String field) throws InvalidInputException {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw missing(field);
        }
        return strings(field, node);
    }

    Boolean optionalBoolean(String field) throws InvalidInputException {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw bad(field, "must be true or false");
        }
        return node.booleanValue();
    }

    /** A nested object, or null when absent or null. */
    FieldReader optionalObject(String field) throws InvalidInputException {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw bad(field, "must be an object");
        }
        return new FieldReader((ObjectNode) node, path + field + ".");
    }

    JsonNode raw(String field) {
        return object.get(field);
    }

    String name(String field) {
        return path + field;
    }

    InvalidInputException missing(String field) {
        return new InvalidInputException("missing " + path + field, "missing field '" + path + field + "'");
    }

    InvalidInputException bad(String field, String why) {
        return new InvalidInputException("bad " + path + field, "field '" + path + field + "' " + why);
    }

    /** The id, or an {@code invalid id} refusal naming the field; null stays null. */
    private String id(String field, String value, boolean department) throws InvalidInputException {
        if (value == null) {
            return null;
        }
        String problem = department ? Ids.departmentProblem(value) : Ids.problem(value);
        if (problem != null) {
            throw new InvalidInputException(Ids.INVALID, Ids.refusal(path + field, value, problem));
        }
        return value;
    }

    /** A string that must be present, possibly empty: ids say themselves why an empty one is refused. */
    private String requiredText(String field) throws InvalidInputException {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw missing(field);
        }
        return text(field, node);
    }

    private String optionalText(String field) throws InvalidInputException {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : text(field, node);
    }

    private String text(String field, JsonNode node) throws InvalidInputException {
        if (!node.isTextual()) {
            throw bad(field, "must be a string, got " + node.getNodeType().toString().toLowerCase());
        }
        return node.textValue();
    }

    private String nonEmptyText(String field, JsonNode node) throws InvalidInputException {
        text(field, node);
        if (node.textValue().isEmpty()) {
            throw bad(field, "must not be empty");
        }
        requireUnicode(field, node.textValue());
        return node.textValue();
    }

    /**
     * Refuses text with a lone surrogate (a JSON escape of D800 to DFFF without its pair): it has no UTF-8 form, so
     * Avro and Kafka would write it as {@code ?}, and two different ids would become one.
     */
    private void requireUnicode(String field, String text) throws InvalidInputException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad(field, "must be Unicode text, but has a lone surrogate \\u"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at character " + i);
            }
        }
    }

    private List<String> strings(String field, JsonNode node) throws InvalidInputException {
        if (!node.isArray()) {
            throw bad(field, "must be an array of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isEmpty()) {
                throw bad(field, "must be an array of non-empty strings, got " + item);
            }
            requireUnicode(field, item.textValue());
            values.add(item.textValue());
        }
        return values;
    }
}
