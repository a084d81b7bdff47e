package io.deskstream.topology.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.topology.metrics.ResponseSketch;

/**
 * Cells added up into one report row, and the row's columns derived from the sums (metrics.md, The columns). Totals
 * are themselves a cell ({@link #asCell()}), so that instances can add up their parts and send them on to be added up.
 */
public final class CellTotals {

    /** Every column of a report row, in the order rows and CSV headers show them. */
    public static final List<String> COLUMNS = List.copyOf(new CellTotals().columns().keySet());

    private final MetricCell sum = new MetricCell();
    private final DDSketch first = ResponseSketch.empty();
    private final DDSketch next = ResponseSketch.empty();

    public void add(MetricCell c) {
        sum.setTagsAdded(sum.getTagsAdded() + c.getTagsAdded());
        sum.setReplies(sum.getReplies() + c.getReplies());
        sum.setCalls(sum.getCalls() + c.getCalls());
        sum.setMissedCalls(sum.getMissedCalls() + c.getMissedCalls());
        sum.setChatMessages(sum.getChatMessages() + c.getChatMessages());
        sum.setChats(sum.getChats() + c.getChats());
        sum.setMissedChats(sum.getMissedChats() + c.getMissedChats());
        sum.setNotRated(sum.getNotRated() + c.getNotRated());
        sum.setPositiveRatings(sum.getPositiveRatings() + c.getPositiveRatings());
        sum.setNegativeRatings(sum.getNegativeRatings() + c.getNegativeRatings());
        sum.setIncomingMessages(sum.getIncomingMessages() + c.getIncomingMessages());
        sum.setIncomingCalls(sum.getIncomingCalls() + c.getIncomingCalls());
        sum.setFinishedCalls(sum.getFinishedCalls() + c.getFinishedCalls());
        sum.setIncomingChats(sum.getIncomingChats() + c.getIncomingChats());
        sum.setFinishedChats(sum.getFinishedChats() + c.getFinishedChats());
        sum.setTicketsCreated(sum.getTicketsCreated() + c.getTicketsCreated());
        sum.setTicketsResolved(sum.getTicketsResolved() + c.getTicketsResolved());
        sum.setFirstResponseCount(sum.getFirstResponseCount() + c.getFirstResponseCount());
        sum.setNextResponseCount(sum.getNextResponseCount() + c.getNextResponseCount());
        sum.setChatPickupCount(sum.getChatPickupCount() + c.getChatPickupCount());
        sum.setChatDurationCount(sum.getChatDurationCount() + c.getChatDurationCount());
        sum.setSlaFirstResponseMet(sum.getSlaFirstResponseMet() + c.getSlaFirstResponseMet());
        sum.setSlaFirstResponseBreached(sum.getSlaFirstResponseBreached() + c.getSlaFirstResponseBreached());
        sum.setCallSecondsSum(sum.getCallSecondsSum() + c.getCallSecondsSum());
        sum.setFirstResponseSecondsSum(sum.getFirstResponseSecondsSum() + c.getFirstResponseSecondsSum());
        sum.setNextResponseSecondsSum(sum.getNextResponseSecondsSum() + c.getNextResponseSecondsSum());
        sum.setChatPickupSecondsSum(sum.getChatPickupSecondsSum() + c.getChatPickupSecondsSum());
        sum.setChatDurationSecondsSum(sum.getChatDurationSecondsSum() + c.getChatDurationSecondsSum());
        sum.setFirstResponseBusinessSecondsSum(sum.getFirstResponseBusinessSecondsSum() + c.getFirstResponseBusinessSecondsSum());
        ResponseSketch.mergeInto(first, c.getFirstResponseSketch());
        ResponseSketch.mergeInto(next, c.getNextResponseSketch());
    }

    /** These totals as one cell, sketches included: adding it elsewhere gives what adding its parts would. */
    public MetricCell asCell() {
        MetricCell cell = MetricCell.newBuilder(sum).build();
        cell.setFirstResponseSketch(first.isEmpty() ? null : ResponseSketch.encode(first));
        cell.setNextResponseSketch(next.isEmpty() ? null : ResponseSketch.encode(next));
        return cell;
    }

    /** Whether every count is 0: such rows are left out of the report. */
    public boolean allZero() {
        return counts().values().stream().allMatch(v -> v == 0L);
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("tags_added", sum.getTagsAdded());
        counts.put("replies", sum.getReplies());
        counts.put("calls", sum.getCalls());
        counts.put("missed_calls", sum.getMissedCalls());
        counts.put("chat_messages", sum.getChatMessages());
        counts.put("chats", sum.getChats());
        counts.put("missed_chats", sum.getMissedChats());
        counts.put("not_rated", sum.getNotRated());
        counts.put("positive_ratings", sum.getPositiveRatings());
        counts.put("negative_ratings", sum.getNegativeRatings());
        counts.put("incoming_messages", sum.getIncomingMessages());
        counts.put("incoming_calls", sum.getIncomingCalls());
        counts.put("finished_calls", sum.getFinishedCalls());
        counts.put("incoming_chats", sum.getIncomingChats());
        counts.put("finished_chats", sum.getFinishedChats());
        counts.put("tickets_created", sum.getTicketsCreated());
        counts.put("tickets_resolved", sum.getTicketsResolved());
        counts.put("first_response_count", sum.getFirstResponseCount());
        counts.put("next_response_count", sum.getNextResponseCount());
        counts.put("chat_pickup_count", sum.getChatPickupCount());
        counts.put("chat_duration_count", sum.getChatDurationCount());
        counts.put("sla_first_response_met", sum.getSlaFirstResponseMet());
        counts.put("sla_first_response_breached", sum.getSlaFirstResponseBreached());
        return counts;
    }

    /** Every column of metrics.md; means, percents and percentiles are null where their denominator is 0. */
    public Map<String, Object> columns() {
        Map<String, Object> columns = new LinkedHashMap<>(counts());
        long rated = sum.getNotRated() + sum.getPositiveRatings() + sum.getNegativeRatings();
        long sla = sum.getSlaFirstResponseMet() + sum.getSlaFirstResponseBreached();
        columns.put("call_minutes", sum.getCallSecondsSum() / 60.0);
        columns.put("avg_first_response_s", mean(sum.getFirstResponseSecondsSum(), sum.getFirstResponseCount()));
        columns.put("avg_next_response_s", mean(sum.getNextResponseSecondsSum(), sum.getNextResponseCount()));
        columns.put("avg_chat_pickup_s", mean(sum.getChatPickupSecondsSum(), sum.getChatPickupCount()));
        columns.put("avg_chat_duration_s", mean(sum.getChatDurationSecondsSum(), sum.getChatDurationCount()));
        columns.put("avg_first_response_business_s",
                mean(sum.getFirstResponseBusinessSecondsSum(), sum.getFirstResponseCount()));
        columns.put("not_rated_pct", percent(sum.getNotRated(), rated));
        columns.put("positive_pct", percent(sum.getPositiveRatings(), rated));
        columns.put("negative_pct", percent(sum.getNegativeRatings(), rated));
        columns.put("sla_compliance_pct", percent(sum.getSlaFirstResponseMet(), sla));
        columns.put("p50_first_response_s", quantile(first, 0.5));
        columns.put("p90_first_response_s", quantile(first, 0.9));
        columns.put("p50_next_response_s", quantile(next, 0.5));
        columns.put("p90_next_response_s", quantile(next, 0.9));
        return columns;
    }

    private static Double mean(double total, long count) {
        return count == 0 ? null : total / count;
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : part * 100.0 / whole;
    }

    private static Double quantile(DDSketch sketch, double q) {
        return sketch.isEmpty() ? null : sketch.getValueAtQuantile(q);
    }
}
