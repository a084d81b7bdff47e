package io.deskstream.api.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskstream.api.ApiJson;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.cluster.ClusterQuery;
import io.deskstream.api.cluster.FreshAnswers;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.report.CellTotals;
import io.deskstream.topology.report.DepartmentReport;
import io.deskstream.topology.report.ReportQuery;

/**
 * The department report's answer to one question, as the bytes sent: gathered from every instance, written as JSON
 * or CSV, and reused for less than a second ({@link FreshAnswers}) by whoever asks the same, the report route and
 * the report streams alike.
 */
public final class ReportAnswers {

    static final String REPORT_GROUPS = "/internal/v1/report-groups";

    private final ClusterQuery cluster;
    private final FreshAnswers fresh;
    private final int maxRows;

    /** @param maxRows the most rows one answer may have; a question with more answers 400 */
    public ReportAnswers(ClusterQuery cluster, FreshAnswers fresh, int maxRows) {
        this.cluster = cluster;
        this.fresh = fresh;
        this.maxRows = maxRows;
    }

    int maxRows() {
        return maxRows;
    }

    /**
     * The answer's bytes, JSON or CSV as the request asks.
     *
     * @param authorization the caller's own {@code Authorization}, with which the other instances are asked
     */
    public byte[] answer(ReportParameters.Request request, Caller caller, String authorization) {
        return written(request, caller, authorization).bytes();
    }

    /** The answer as sent, its compressed form included, JSON or CSV as the request asks. */
    public WrittenAnswer written(ReportParameters.Request request, Caller caller, String authorization) {
        // A token that sees no department gets no row: its empty department filter would mean all of them, and the
        // question is the admin's, so it must not be answered from what was computed for others either.
        if (caller.seesNothing()) {
            return new WrittenAnswer(serialized(request, List.of()));
        }
        return fresh.get(question(request), () -> {
            List<Map<String, Object>> rows = rows(request.query(), caller, authorization);
            if (request.compare() != null) {
                rows = ComparedRows.of(request.query(), rows, request.compared(),
                        rows(request.compared(), caller, authorization), maxRows);
            }
            return new WrittenAnswer(serialized(request, rows));
        });
    }

    /**
     * Names a question: everything its answer depends on once the caller's departments are resolved into it. Two
     * callers whose questions have one name get the same bytes.
     */
    public static String question(ReportParameters.Request request) {
        return "report?" + range(request.query()) + besidesRange(request);
    }

    /**
     * Names a question as it stands over time: its range as asked, so that one following the clock (the last 7
     * days, say) keeps its name as the hours pass.
     */
    public static String standingQuestion(ReportParameters.Request request) {
        return "standing?" + request.askedRange() + besidesRange(request);
    }

    private static String besidesRange(ReportParameters.Request request) {
        ReportQuery query = request.query();
        return dimensions(query) + "&sort=" + encoded(query.sort()) + "&csv=" + request.csv()
                + "&compare=" + (request.compare() == null ? "" : request.compare());
    }

    private List<Map<String, Object>> rows(ReportQuery query, Caller caller, String authorization) {
        var groups = cluster.gather(StoreNames.METRIC_CELLS, new ReportGroups(query, caller, maxRows),
                REPORT_GROUPS + "?" + forwarded(query), authorization);
        return DepartmentReport.rows(query, groups);
    }

    private static byte[] serialized(ReportParameters.Request request, List<Map<String, Object>> rows) {
        return request.csv() ? csv(request, rows) : json(request, rows);
    }

    private static byte[] csv(ReportParameters.Request request, List<Map<String, Object>> rows) {
        List<String> header = new ArrayList<>();
        header.add("bucket");
        header.addAll(request.query().groupBy());
        header.addAll(CellTotals.COLUMNS);
        if (request.compare() != null) {
            header.add(ComparedRows.PREVIOUS + "_bucket");
            CellTotals.COLUMNS.forEach(column -> header.add(ComparedRows.PREVIOUS + "_" + column));
            rows = rows.stream().map(ComparedRows::flat).toList();
        }
        return ReportCsv.write(header, rows).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(ReportParameters.Request request, List<Map<String, Object>> rows) {
        ReportQuery query = request.query();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", query.from().toString());
        answer.put("to", query.to().toString());
        answer.put("granularity", query.granularity().toString());
        answer.put("groupBy", query.groupBy());
        if (request.compare() != null) {
            answer.put("compare", request.compare().toString());
            answer.put("comparedFrom", request.compared().from().toString());
            answer.put("comparedTo", request.compared().to().toString());
        }
        answer.put("rows", rows);
        try {
            return ApiJson.MAPPER.writeValueAsBytes(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the report could not be written as JSON", e);
        }
    }

    /** The query with everything resolved (the range above all): another instance's clock must not change it. */
    private static String forwarded(ReportQuery query) {
        return range(query) + dimensions(query);
    }

    private static String range(ReportQuery query) {
        return "from=" + query.from() + "&to=" + query.to();
    }

    private static String dimensions(ReportQuery query) {
        return "&granularity=" + query.granularity()
                + "&groupBy=" + encoded(query.groupBy())
                + "&department=" + encoded(query.departments())
                + "&channel=" + encoded(query.channels())
                + "&agent=" + encoded(query.agents());
    }

    private static String encoded(Collection<String> values) {
        return URLEncoder.encode(String.join(",", values), StandardCharsets.UTF_8);
    }
}
