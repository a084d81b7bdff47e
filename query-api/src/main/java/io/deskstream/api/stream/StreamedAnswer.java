package io.deskstream.api.stream;

import java.util.Arrays;

/**
 * One answer to a streamed question, as its event carries it.
 *
 * @param id   the event id: larger for every newer answer to the same question
 * @param body the answer, the JSON the report route gives
 */
record StreamedAnswer(long id, byte[] body) {

    boolean sameAnswer(byte[] other) {
        return Arrays.equals(body, other);
    }
}
