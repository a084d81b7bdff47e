package io.deskstream.api.report;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.ApiRoute.Access;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.cluster.ClusterQuery;
import io.deskstream.api.cluster.CounterPartial;
import io.deskstream.api.cluster.FreshAnswers;
import io.deskstream.topology.StoreNames;
import io.deskstream.topology.metrics.TicketStatusCounts;
import io.deskstream.topology.report.ReportQuery;
import io.deskstream.topology.report.TicketStatusReport;
import io.javalin.http.Context;

/**
 * The report routes: the department report (JSON or CSV) and ticket status, each added up from every instance that
 * holds a part, and the internal routes at which an instance gives its own part. The stores are read afresh, and
 * answers are reused for less than a second ({@link FreshAnswers}), so a dashboard polling every few seconds sees
 * what was processed a moment ago while many dashboards asking the same cost one computation.
 */
public final class ReportRoutes {

    static final String STATUS_COUNTERS = "/internal/v1/ticket-status-counters";

    private final ClusterQuery cluster;
    private final ZoneId zone;
    private final Clock clock;
    private final FreshAnswers fresh;
    private final ReportAnswers answers;

    /** @param fresh the answers of the last second, shared with whatever else answers the same questions */
    public ReportRoutes(ClusterQuery cluster, ZoneId zone, Clock clock, FreshAnswers fresh, ReportAnswers answers) {
        this.cluster = cluster;
        this.zone = zone;
        this.clock = clock;
        this.fresh = fresh;
        this.answers = answers;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/reports/departments", Access.ANY_TOKEN,
                        "The department report (docs/report.md): every column by bucket and the grouped dimensions, JSON or CSV",
                        this::departmentReport).withParameters(ReportParameters.DESCRIBED),
                ApiRoute.get("/api/v1/reports/ticket-status", Access.ANY_TOKEN,
                        "Tickets of each department by status now: new, open, answered, resolved",
                        this::ticketStatus).withParameters(List.of(
                                new ApiRoute.Parameter("department", "departments to show, comma-separated"))),
                ApiRoute.get(ReportAnswers.REPORT_GROUPS, Access.ANY_TOKEN,
                        "Internal, between instances: this instance's part of a department report",
                        this::localReportGroups).withParameters(ReportParameters.DESCRIBED),
                ApiRoute.get(STATUS_COUNTERS, Access.ANY_TOKEN,
                        "Internal, between instances: this instance's ticket-status counters",
                        (ctx, caller) -> ApiJson.send(ctx, 200,
                                cluster.localPart(StoreNames.TICKET_STATUS, countersOf(caller)))));
    }

    private void departmentReport(Context ctx, Caller caller) {
        ReportParameters.Request request = read(ctx, caller);
        WrittenAnswer answer = answers.written(request, caller, ctx.header("Authorization"));
        if (request.csv()) {
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"department-report.csv\"");
        } else {
            ctx.contentType("application/json");
        }
        ctx.header("Vary", "Accept-Encoding");
        if (AcceptedEncodings.gzip(ctx.header("Accept-Encoding"))) {
            // Set here, the server leaves the body as it is instead of compressing it again for this request.
            ctx.header("Content-Encoding", "gzip");
            ctx.result(answer.gzipped());
        } else {
            ctx.result(answer.bytes());
        }
    }

    private void localReportGroups(Context ctx, Caller caller) {
        ReportQuery query = read(ctx, caller).query();
        ApiJson.send(ctx, 200, cluster.localPart(StoreNames.METRIC_CELLS, new ReportGroups(query, caller, answers.maxRows())));
    }

    private void ticketStatus(Context ctx, Caller caller) {
        Map<String, List<String>> parameters = ctx.queryParamMap();
        for (String name : parameters.keySet()) {
            if (!name.equals("department")) {
                throw ApiError.badRequest("unknown parameter " + name + "; ticket-status takes department");
            }
        }
        Set<String> named = new java.util.LinkedHashSet<>();
        parameters.getOrDefault("department", List.of()).forEach(value -> {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    named.add(id.strip());
                }
            }
        });
        Set<String> departments = caller.departmentsFor(named, "department");
        String authorization = ctx.header("Authorization");
        String scope = caller.admin() ? "all" : String.join(",", new java.util.TreeSet<>(caller.departments()));
        Map<String, Long> counters = fresh.get("ticket-status " + scope, () ->
                cluster.gather(StoreNames.TICKET_STATUS, countersOf(caller), STATUS_COUNTERS, authorization));
        ApiJson.send(ctx, 200, Map.of("rows", TicketStatusReport.rows(counters, departments)));
    }

    /** The ticket-status counters of the departments the caller sees. */
    private static CounterPartial countersOf(Caller caller) {
        return new CounterPartial(counter -> caller.sees(TicketStatusCounts.parse(counter)[0]));
    }

    private ReportParameters.Request read(Context ctx, Caller caller) {
        String accept = ctx.header("Accept");
        return ReportParameters.read(ctx.queryParamMap(), accept != null && accept.contains("text/csv"), caller, zone,
                clock.instant());
    }
}
