package io.deskstream.schemas.json;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.schemas.config.Department;
import io.deskstream.schemas.config.ServiceLevel;
import io.deskstream.schemas.config.WorkingInterval;

/** The canonical JSON form of a department (events.md, Departments), both ways, validated field by field. */
public final class DepartmentJson {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final String END_OF_DAY = "24:00";

    private DepartmentJson() {
    }

    public static Department parse(ObjectNode json) throws InvalidInputException {
        FieldReader f = new FieldReader(json);
        String id = f.requiredString("id");
        if (!ID.matcher(id).matches()) {
            throw f.bad("id", "must match [a-z0-9][a-z0-9_-]{0,63}, got \"" + id + "\"");
        }
        return Department.newBuilder()
                .setId(id)
                .setName(f.requiredString("name"))
                .setAgents(f.optionalIds("agents"))
                .setToSolveEnabled(f.optionalBoolean("toSolveEnabled"))
                .setTimezone(timezone(f))
                .setWorkingHours(workingHours(f))
                .setSla(sla(f))
                .setEmails(f.optionalStrings("emails"))
                .build();
    }

    public static ObjectNode toJson(Department d) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", d.getId());
        json.put("name", d.getName());
        ArrayNode agents = json.putArray("agents");
        d.getAgents().forEach(agents::add);
        if (d.getToSolveEnabled() != null) {
            json.put("toSolveEnabled", d.getToSolveEnabled());
        }
        if (d.getTimezone() != null) {
            json.put("timezone", d.getTimezone());
        }
        if (d.getWorkingHours() != null) {
            ObjectNode hours = json.putObject("workingHours");
            for (String day : DAYS) {
                List<WorkingInterval> intervals = d.getWorkingHours().get(day);
                if (intervals != null) {
                    ArrayNode dayNode = hours.putArray(day);
                    intervals.forEach(i -> dayNode.addArray().add(i.getStart()).add(i.getEnd()));
                }
            }
        }
        if (d.getSla() != null) {
            ObjectNode sla = json.putObject("sla");
            if (d.getSla().getFirstResponseSeconds() != null) {
                sla.put("firstResponseSeconds", d.getSla().getFirstResponseSeconds());
            }
        }
        ArrayNode emails = json.putArray("emails");
        d.getEmails().forEach(emails::add);
        return json;
    }

    private static String timezone(FieldReader f) throws InvalidInputException {
        String zone = f.optionalString("timezone");
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw f.bad("timezone", "must be a time zone such as Europe/Prague, got \"" + zone + "\"");
            }
        }
        return zone;
    }

    private static Map<String, List<WorkingInterval>> workingHours(FieldReader f) throws InvalidInputException {
        JsonNode node = f.raw("workingHours");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw f.bad("workingHours", "must be an object of days (mon..sun) to [[\"09:00\", \"17:00\"], ...]");
        }
        Map<String, List<WorkingInterval>> hours = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> day = it.next();
            String path = "workingHours." + day.getKey();
            if (!DAYS.contains(day.getKey())) {
                throw f.bad(path, "is not a day; days are " + DAYS);
            }
            hours.put(day.getKey(), intervals(f, path, day.getValue()));
        }
        return hours;
    }

    private static List<WorkingInterval> intervals(FieldReader f, String path, JsonNode day) throws InvalidInputException {
        if (!day.isArray()) {
            throw f.bad(path, "must be an array of [start, end] pairs");
        }
        List<WorkingInterval> intervals = new ArrayList<>();
        for (int i = 0; i < day.size(); i++) {
            JsonNode pair = day.get(i);
            String at = path + "[" + i + "]";
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw f.bad(at, "must be a pair of times such as [\"09:00\", \"17:00\"]");
            }
            String start = pair.get(0).textValue();
            String end = pair.get(1).textValue();
            int startMinute = minuteOfDay(f, at, start, false);
            int endMinute = minuteOfDay(f, at, end, true);
            if (endMinute <= startMinute) {
                throw f.bad(at, "must end after it starts, got [\"" + start + "\", \"" + end + "\"]");
            }
            intervals.add(new WorkingInterval(start, end));
        }
        return intervals;
    }

    /** Minutes since midnight; {@code 24:00} is allowed as an end, meaning the end of the day. */
    public static int minuteOfDay(String hhmm) {
        if (END_OF_DAY.equals(hhmm)) {
            return 24 * 60;
        }
        LocalTime time = LocalTime.parse(hhmm, HH_MM);
        return time.getHour() * 60 + time.getMinute();
    }

    private static int minuteOfDay(FieldReader f, String at, String text, boolean isEnd) throws InvalidInputException {
        if (END_OF_DAY.equals(text) && !isEnd) {
            throw f.bad(at, "cannot start at 24:00");
        }
        try {
            return minuteOfDay(text);
        } catch (DateTimeParseException e) {
            throw f.bad(at, "has \"" + text + "\", which is not a time of day as HH:mm");
        }
    }

    private static ServiceLevel sla(FieldReader f) throws InvalidInputException {
        FieldReader sla = f.optionalObject("sla");
        if (sla == null) {
            return null;
        }
        JsonNode seconds = sla.raw("firstResponseSeconds");
        if (seconds == null || seconds.isNull()) {
            return new ServiceLevel(null);
        }
        if (!seconds.canConvertToLong() || !seconds.isIntegralNumber() || seconds.longValue() <= 0) {
            throw sla.bad("firstResponseSeconds", "must be a positive whole number of seconds, got " + seconds);
        }
        return new ServiceLevel(seconds.longValue());
    }
}
