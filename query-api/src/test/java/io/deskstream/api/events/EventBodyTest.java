package io.deskstream.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

import io.deskstream.api.ApiError;
import org.junit.jupiter.api.Test;

/** Reading an events body under the body limit and the limit of bodies in flight over all requests. */
class EventBodyTest {

    /** A body nobody may read: the request must be refused before any of it is. */
    private static final InputStream UNREAD = new InputStream() {
        @Override
        public int read() {
            throw new AssertionError("the body was read");
        }
    };

    @Test
    void aBodyWithAContentLengthIsReservedWholeBeforeItIsRead() throws Exception {
        BodiesInFlight inFlight = new BodiesInFlight(100);
        try (BodiesInFlight.Reservation first = inFlight.open()) {
            byte[] body = EventBody.readLimited(new ByteArrayInputStream(new byte[60]), 60, 100, first);
            assertThat(body).hasSize(60);
            assertThat(inFlight.held()).isEqualTo(60);
            try (BodiesInFlight.Reservation second = inFlight.open()) {
                assertThatThrownBy(() -> EventBody.readLimited(UNREAD, 41, 100, second))
                        .isInstanceOfSatisfying(ApiError.class, e -> {
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.retryAfter()).isNotNull();
                            assertThat(e.getMessage()).contains("--max-events-in-flight", "send it again");
                        });
            }
            assertThat(inFlight.held()).as("a refused request holds nothing").isEqualTo(60);
        }
        assertThat(inFlight.held()).as("an answered request gives its bytes back").isZero();
    }

    @Test
    void aBodyThatFitsBesideTheOthersIsTaken() throws Exception {
        BodiesInFlight inFlight = new BodiesInFlight(100);
        try (BodiesInFlight.Reservation first = inFlight.open();
             BodiesInFlight.Reservation second = inFlight.open()) {
            EventBody.readLimited(new ByteArrayInputStream(new byte[60]), 60, 100, first);
            assertThat(EventBody.readLimited(new ByteArrayInputStream(new byte[40]), 40, 100, second)).hasSize(40);
            assertThat(inFlight.held()).isEqualTo(100);
        }
        assertThat(inFlight.held()).isZero();
    }

    @Test
    void aBodyOverTheBodyLimitIsRefusedWith413BeforeItIsRead() {
        BodiesInFlight inFlight = new BodiesInFlight(1000);
        try (BodiesInFlight.Reservation reservation = inFlight.open()) {
            assertThatThrownBy(() -> EventBody.readLimited(UNREAD, 101, 100, reservation))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(413));
        }
        assertThat(inFlight.held()).isZero();
    }

    @Test
    void aBodyWithoutContentLengthIsAccountedAsItIsReadAndTrimmedToItsSize() throws Exception {
        BodiesInFlight inFlight = new BodiesInFlight(10L * EventBody.STEP);
        byte[] sent = new byte[EventBody.STEP + 10];
        Arrays.fill(sent, (byte) 'x');
        try (BodiesInFlight.Reservation reservation = inFlight.open()) {
            byte[] body = EventBody.readLimited(new ByteArrayInputStream(sent), -1, 4L * EventBody.STEP, reservation);
            assertThat(body).isEqualTo(sent);
            assertThat(inFlight.held()).isEqualTo(sent.length);
        }
        assertThat(inFlight.held()).isZero();
    }

    @Test
    void aBodyWithoutContentLengthIsRefusedWith503WhenTheNextStepDoesNotFit() throws Exception {
        BodiesInFlight inFlight = new BodiesInFlight(2L * EventBody.STEP);
        try (BodiesInFlight.Reservation other = inFlight.open();
             BodiesInFlight.Reservation chunked = inFlight.open()) {
            other.add(EventBody.STEP);
            byte[] sent = new byte[EventBody.STEP + 1];
            assertThatThrownBy(() -> EventBody.readLimited(new ByteArrayInputStream(sent), -1, 2L * EventBody.STEP, chunked))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(503));
        }
        assertThat(inFlight.held()).isZero();
    }

    @Test
    void aBodyWithoutContentLengthOverTheBodyLimitAnswers413() throws Exception {
        BodiesInFlight inFlight = new BodiesInFlight(1000);
        try (BodiesInFlight.Reservation reservation = inFlight.open()) {
            assertThatThrownBy(() -> EventBody.readLimited(new ByteArrayInputStream(new byte[101]), -1, 100, reservation))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(413));
            assertThat(EventBody.readLimited(new ByteArrayInputStream(new byte[100]), -1, 100, reservation))
                    .as("exactly the limit is taken").hasSize(100);
        }
    }

    @Test
    void aBodyEndingBeforeItsContentLengthAnswers400() {
        BodiesInFlight inFlight = new BodiesInFlight(1000);
        try (BodiesInFlight.Reservation reservation = inFlight.open()) {
            assertThatThrownBy(() -> EventBody.readLimited(new ByteArrayInputStream(new byte[10]), 50, 100, reservation))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThat(inFlight.held()).isZero();
    }
}
