package io.deskstream.api.stream;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.deskstream.api.ApiError;
import io.deskstream.api.ApiRoute;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.report.ReportAnswers;
import io.deskstream.api.report.ReportParameters;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;

/**
 * {@code GET /api/v1/reports/departments/stream}: the department report pushed as server-sent events, one event with
 * the whole answer when the stream opens and one each time it changes, under the report's own parameters, token and
 * department scoping.
 */
public final class ReportStreamRoutes {

    public static final String PATH = "/api/v1/reports/departments/stream";
    private static final String EVENT_STREAM = "text/event-stream";

    private final ReportStreams streams;
    private final ZoneId zone;
    private final Clock clock;

    public ReportStreamRoutes(ReportStreams streams, ZoneId zone, Clock clock) {
        this.streams = streams;
        this.zone = zone;
        this.clock = clock;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get(PATH, ApiRoute.Access.ANY_TOKEN,
                        "The department report as server-sent events (text/event-stream; send Accept: text/event-stream):"
                                + " an event \"report\" with the JSON answer at once and whenever it changes, heartbeat"
                                + " comments, Last-Event-ID honoured",
                        this::stream)
                .producing(EVENT_STREAM)
                .withParameters(ReportParameters.DESCRIBED.stream()
                        .filter(parameter -> !parameter.name().equals("format")).toList()));
    }

    private void stream(Context ctx, Caller caller) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains(EVENT_STREAM)) {
            throw ApiError.notAcceptable("this route answers server-sent events only: send Accept: " + EVENT_STREAM
                    + " (GET /api/v1/reports/departments gives the same answer once)");
        }
        Map<String, List<String>> parameters = Map.copyOf(ctx.queryParamMap());
        if (parameters.containsKey("format")) {
            throw ApiError.badRequest("the stream's events are JSON; format is for GET /api/v1/reports/departments");
        }
        // Read now, to answer a malformed question 400 before the stream starts; read again at each evaluation, so
        // that a range that follows the clock moves with it.
        ReportParameters.Request request = read(parameters, caller);
        QuestionPublisher.StreamedQuestion question = new QuestionPublisher.StreamedQuestion(
                (caller.seesNothing() ? "sees-nothing:" : "") + ReportAnswers.standingQuestion(request),
                () -> read(parameters, caller), caller);
        ReportStreams.Slot slot = streams.reserve();
        try {
            streams.open(question, ctx.header("Authorization"), ctx.header("Last-Event-ID"), slot,
                    client -> new SseHandler(client).handle(ctx));
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
    }

    private ReportParameters.Request read(Map<String, List<String>> parameters, Caller caller) {
        return ReportParameters.read(parameters, false, caller, zone, clock.instant());
    }
}
