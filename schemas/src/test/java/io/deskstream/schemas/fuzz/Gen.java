package io.deskstream.schemas.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generators of hostile input for the parsers: arbitrary strings, arbitrary JSON values, deep nesting, odd instants,
 * and valid events, departments and rules mutated a few times over (fields dropped, types changed, huge or odd
 * strings, numbers where strings go, nesting).
 */
public final class Gen {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings that have broken parsers before: empty, blank, control characters, lone surrogates, JSON fragments. */
    private static final List<String> ODD_STRINGS = List.of("", " ", "\t", "\u0000", "\n", "\r\n", "\u2028", "\uFEFF",
            "\uD800", "\uDFFF", "\uD83D\uDE00", "é", "€", "null", "true", "0", "-0", "1e400", "NaN", "-", "[", "{", "}",
            "]", "\"", "\\", "\\u0000", "{\"a\":1}", "[1,2]", "__proto__", "constructor", "%00", "%", "../", "=1+1",
            "'; drop table x; --", "${jndi:ldap://x}", "\u202Eevil", "ticket.created", "rating", "positive", "email",
            "chat", "customer", "agent", "Europe/Prague", "09:00", "24:00", "23:59", "25:00", "9:00", "(a+)+$",
            "(((((((((((((((((((((((((a)))))))))))))))))))))))))", "[", "\\p{", "(?<n>x)\\k<n>", "*", "a{99999999999}");

    private static final List<String> ODD_INSTANTS = List.of("2026-11-02T09:15:00Z", "2026-11-02T09:15:00.250Z",
            "2026-11-02T10:15:00+01:00", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "1900-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "2026-11-02T09:15:00+18:00", "2026-11-02T09:15:00-18:00",
            "2026-11-02T23:59:60Z", "2026-02-30T00:00:00Z", "2026-11-02T09:15:00.123456789Z", "2026-11-02T09:15Z",
            "2026-11-02", "2026-11-02T09:15:00", "1e12", "", "9999-12-31T23:59:59.999Z", "2262-04-11T23:47:16.854Z",
            "+292278994-08-17T07:12:55.807Z", "2026-11-02t09:15:00z", "2026-11-02T09:15:00+05:30",
            "2026-11-02T09:15:00+14:00", "2026-11-02T09:15:00,5Z");

    private Gen() {
    }

    public static <T> T oneOf(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    /** Any string: ASCII, any code point (lone surrogates and control characters too), odd ones, long ones. */
    public static String anyString(Random r) {
        switch (r.nextInt(8)) {
            case 0:
                return oneOf(r, ODD_STRINGS);
            case 1: {
                StringBuilder s = new StringBuilder();
                int length = r.nextInt(40);
                for (int i = 0; i < length; i++) {
                    s.append((char) r.nextInt(0x10000));
                }
                return s.toString();
            }
            case 2: {
                StringBuilder s = new StringBuilder();
                int length = r.nextInt(40);
                for (int i = 0; i < length; i++) {
                    s.appendCodePoint(r.nextInt(Character.MAX_CODE_POINT + 1));
                }
                return s.toString();
            }
            case 3:
                return huge(r);
            case 4:
                return oneOf(r, ODD_INSTANTS);
            case 5:
                return anyJson(r, 3).toString();
            default: {
                StringBuilder s = new StringBuilder();
                int length = r.nextInt(30);
                for (int i = 0; i < length; i++) {
                    s.append((char) (0x20 + r.nextInt(0x5f)));
                }
                return s.toString();
            }
        }
    }

    /** An odd string repeated: mostly a few times, sometimes to about 100,000 characters. */
    public static String huge(Random r) {
        String odd = oneOf(r, ODD_STRINGS);
        int times = r.nextInt(10) == 0 ? 100_000 / Math.max(1, odd.length()) : 1 + r.nextInt(50);
        return odd.repeat(times);
    }

    /** Any JSON number: small, large, negative, fractional, beyond long, beyond double. */
    public static JsonNode anyNumber(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> NODES.numberNode(r.nextInt(100) - 10);
            case 1 -> NODES.numberNode(r.nextLong());
            case 2 -> NODES.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
            case 3 -> NODES.numberNode(new BigInteger(200, r));
            case 4 -> NODES.numberNode(new BigDecimal("1e" + (r.nextInt(800) - 400)));
            case 5 -> NODES.numberNode(Long.MIN_VALUE);
            default -> NODES.numberNode(Integer.MAX_VALUE + (long) r.nextInt(3));
        };
    }

    /** Any JSON value, nested up to {@code depth}. */
    public static JsonNode anyJson(Random r, int depth) {
        int kinds = depth <= 0 ? 4 : 6;
        switch (r.nextInt(kinds)) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(r.nextBoolean());
            case 2:
                return anyNumber(r);
            case 3:
                return NODES.textNode(anyString(r));
            case 4: {
                ArrayNode array = NODES.arrayNode();
                int size = r.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(anyJson(r, depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                int size = r.nextInt(5);
                for (int i = 0; i < size; i++) {
                    object.set(r.nextBoolean() ? anyString(r) : oneOf(r, FIELD_NAMES), anyJson(r, depth - 1));
                }
                return object;
            }
        }
    }

    /** Field names of events, departments and rules, so that arbitrary objects hit the fields that are read. */
    public static final List<String> FIELD_NAMES = List.of("id", "type", "ts", "ticketId", "chatId", "callId",
            "channel", "subject", "departmentId", "customer", "tags", "agentId", "from", "value", "email", "country",
            "language", "name", "agents", "toSolveEnabled", "timezone", "workingHours", "sla", "firstResponseSeconds",
            "emails", "notes", "active", "order", "conditionGroups", "conditions", "field", "op", "actions",
            "stopProcessing", "mon", "sun");

    /** Text nested {@code depth} levels deep, as arrays or objects, closed or not. */
    public static String deeplyNested(Random r) {
        int depth = 1 + r.nextInt(r.nextBoolean() ? 100 : 5_000);
        boolean objects = r.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        StringBuilder s = new StringBuilder(open.repeat(depth)).append("1");
        if (r.nextInt(4) > 0) {
            s.append(close.repeat(depth));
        }
        return s.toString();
    }

    /** An odd value for a field: any JSON, an odd instant, a huge or odd string, a number, nesting. */
    public static JsonNode oddValue(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> NODES.textNode(oneOf(r, ODD_INSTANTS));
            case 1 -> NODES.textNode(oneOf(r, ODD_STRINGS));
            case 2 -> NODES.textNode(huge(r));
            case 3 -> anyNumber(r);
            case 4 -> parse(deeplyNested(r), NODES.nullNode());
            case 5 -> NODES.arrayNode().add(anyJson(r, 2)).add(NODES.textNode(anyString(r)));
            default -> anyJson(r, 3);
        };
    }

    /** {@code valid} mutated one to four times over: fields dropped, set to odd values, added; nested objects too. */
    public static ObjectNode mutated(Random r, ObjectNode valid) {
        ObjectNode event = valid.deepCopy();
        int mutations = 1 + r.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            ObjectNode target = someObjectIn(r, event);
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (!names.isEmpty()) {
                        target.remove(oneOf(r, names));
                    }
                }
                case 1, 2 -> {
                    if (!names.isEmpty()) {
                        target.set(oneOf(r, names), oddValue(r));
                    }
                }
                case 3 -> target.set(oneOf(r, FIELD_NAMES), oddValue(r));
                default -> {
                    if (!names.isEmpty()) {
                        String name = oneOf(r, names);
                        JsonNode value = target.get(name);
                        target.set(name, value.isTextual() ? NODES.textNode(value.textValue() + anyString(r))
                                : NODES.textNode(value.toString()));
                    }
                }
            }
        }
        return event;
    }

    /** JSON text mutated as text: cut short, a character inserted or removed, a field named twice. */
    public static String textMutated(Random r, String json) {
        if (json.isEmpty()) {
            return anyString(r);
        }
        int at = r.nextInt(json.length());
        return switch (r.nextInt(4)) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + (char) r.nextInt(0x10000) + json.substring(at);
            case 2 -> json.substring(0, at) + json.substring(at + 1);
            default -> json.startsWith("{") && json.length() > 2
                    ? "{\"id\":\"twice\"," + json.substring(1) : json + json;
        };
    }

    private static ObjectNode someObjectIn(Random r, ObjectNode root) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        return oneOf(r, objects);
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        if (node.isContainerNode() && into.size() < 50) {
            node.forEach(child -> collectObjects(child, into));
        }
    }

    public static JsonNode parse(String json, JsonNode fallback) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return fallback;
        }
    }

    public static ObjectNode object(String json) {
        return (ObjectNode) parse(json, null);
    }
}
