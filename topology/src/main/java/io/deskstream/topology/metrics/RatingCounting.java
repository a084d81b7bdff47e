package io.deskstream.topology.metrics;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.deskstream.schemas.events.RatingValue;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.CountedRating;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.schemas.state.RatingOutcome;
import io.deskstream.schemas.state.Resolution;
import io.deskstream.schemas.state.TicketProgress;
import io.deskstream.schemas.state.TicketRating;
import io.deskstream.schemas.state.TicketStatus;

/**
 * Keeps a ticket counted once, where metrics.md says it belongs now: a resolved ticket in the hour of its latest
 * resolution, for that resolution's department, channel and agent, as positive, negative or not rated. When that
 * changes (a resolution, a reopening, a rating arriving or changing, however late) the old count is taken out of its
 * cell and the new one added, so the report shows the state of the world now.
 */
public final class RatingCounting {

    private RatingCounting() {
    }

    /**
     * Brings the counted rating of a ticket in line with its state and rating; the caller stores the state. The
     * rating is looked up only for a resolved ticket: most events find their ticket open.
     */
    public static void reconcile(ConversationState ticket, Supplier<TicketRating> rating, MetricCells cells,
                                 ReportHours hours) {
        TicketProgress progress = ticket.getTicket();
        CountedRating wanted = wanted(progress, rating, hours);
        CountedRating counted = progress.getCountedRating();
        if (Objects.equals(wanted, counted)) {
            return;
        }
        if (counted != null) {
            cells.change(cell(counted), add(counted.getRating(), -1));
        }
        if (wanted != null) {
            cells.change(cell(wanted), add(wanted.getRating(), +1));
        }
        progress.setCountedRating(wanted);
    }

    private static CountedRating wanted(TicketProgress progress, Supplier<TicketRating> ratingNow, ReportHours hours) {
        Resolution resolution = progress.getResolution();
        if (progress.getStatus() != TicketStatus.resolved || resolution == null) {
            return null;
        }
        TicketRating rating = ratingNow.get();
        RatingOutcome outcome = rating == null ? RatingOutcome.not_rated
                : rating.getValue() == RatingValue.positive ? RatingOutcome.positive : RatingOutcome.negative;
        CellKey cell = CellKey.of(hours, resolution.getTs(), resolution.getDepartment(), resolution.getChannel(),
                resolution.getAgent());
        return new CountedRating(cell.hour(), cell.department(), cell.channel(), cell.agent(), outcome);
    }

    private static CellKey cell(CountedRating counted) {
        return new CellKey(counted.getHour(), counted.getDepartment(), counted.getChannel(), counted.getAgent());
    }

    private static Consumer<MetricCell> add(RatingOutcome outcome, int delta) {
        return switch (outcome) {
            case not_rated -> c -> c.setNotRated(c.getNotRated() + delta);
            case positive -> c -> c.setPositiveRatings(c.getPositiveRatings() + delta);
            case negative -> c -> c.setNegativeRatings(c.getNegativeRatings() + delta);
        };
    }
}
