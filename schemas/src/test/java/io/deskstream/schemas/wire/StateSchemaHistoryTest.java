package io.deskstream.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.deskstream.schemas.state.CellPartials;
import io.deskstream.schemas.state.ConversationState;
import io.deskstream.schemas.state.MetricCell;
import io.deskstream.schemas.state.PartialCell;
import io.deskstream.schemas.state.TicketRating;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The history of state schemas in the jar is what lets a new version restore an old one's state: every schema the
 * state is written with now is in it, and every older schema of a record can be read by the current one.
 */
class StateSchemaHistoryTest {

    static List<Schema> persisted() {
        return List.of(ConversationState.getClassSchema(), TicketRating.getClassSchema(), MetricCell.getClassSchema(),
                CellPartials.getClassSchema(), PartialCell.getClassSchema());
    }

    @ParameterizedTest
    @MethodSource("persisted")
    void theSchemaStateIsWrittenWithNowIsInTheHistory(Schema current) {
        long fingerprint = StateSchemaHistory.fingerprint(current);
        assertThat(StateSchemaHistory.shipped().schema(fingerprint))
                .as("schemas/src/main/resources/state-schemas/ must hold %s-%016x.avsc (the schema as it is now), "
                        + "listed in its index, beside the older ones", current.getName(), fingerprint)
                .isNotNull();
    }

    @ParameterizedTest
    @MethodSource("persisted")
    void everyOlderSchemaOfARecordIsReadByTheCurrentOne(Schema current) {
        for (Schema older : StateSchemaHistory.shipped().all()) {
            if (older.getFullName().equals(current.getFullName())) {
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, older).getType())
                        .as("%s written with %016x", current.getName(), StateSchemaHistory.fingerprint(older))
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }
}
