package io.deskstream.api.stream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.deskstream.api.ApiError;
import io.deskstream.api.auth.AccessTokens;
import io.deskstream.api.auth.Caller;
import io.deskstream.api.report.ReportAnswers;
import io.deskstream.api.report.ReportParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One question streamed, however many streams ask it: its current answer, and the streams to send each new answer
 * to. It is answered once per evaluation for all of them, and an answer goes out only when its bytes differ from the
 * last one.
 */
final class QuestionPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionPublisher.class);

    private final StreamedQuestion question;
    private final ReportAnswers answers;
    private final LongSupplier ids;
    private final ReentrantLock answering = new ReentrantLock();
    private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile StreamedAnswer current;
    // Streams on their way in, and whether this publisher was let go, guarded by this.
    private int joining;
    private boolean retired;

    /** @param ids gives each new answer its event id */
    QuestionPublisher(StreamedQuestion question, ReportAnswers answers, LongSupplier ids) {
        this.question = question;
        this.answers = answers;
        this.ids = ids;
    }

    /** Announces a stream on its way in; false when this publisher was let go and another must be made. */
    synchronized boolean join() {
        if (retired) {
            return false;
        }
        joining++;
        return true;
    }

    /** A stream announced by {@link #join()} that will not come after all. */
    synchronized void abandon() {
        joining--;
    }

    /**
     * The current answer, answered now with the joining stream's token when there is none yet: a stream's first
     * event is never older than the last evaluation, and failing to answer fails the request, not the stream.
     */
    StreamedAnswer current(String authorization) {
        StreamedAnswer now = current;
        if (now != null) {
            return now;
        }
        answering.lock();
        try {
            if (current == null) {
                publish(answers.answer(question.request(), question.asker(), authorization));
            }
            return current;
        } finally {
            answering.unlock();
        }
    }

    /**
     * Adds a stream announced by {@link #join()} and sends it the current answer, unless the client already has it
     * ({@code Last-Event-ID}).
     *
     * @param answered    what {@link #current(String)} gave the stream; a newer answer may have come since
     * @param lastEventId the client's {@code Last-Event-ID}, or null
     */
    void attach(StreamSubscriber subscriber, StreamedAnswer answered, String lastEventId) {
        synchronized (this) {
            joining--;
            subscribers.add(subscriber);
        }
        StreamedAnswer now = current;
        if (now == null || now.id() < answered.id()) {
            now = answered;
        }
        if (lastEventId != null && lastEventId.strip().equals(String.valueOf(now.id()))) {
            subscriber.alreadyHas(now.id());
        } else {
            subscriber.offer(now);
        }
    }

    void leave(StreamSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** Lets this publisher go if no stream is open or on its way; then {@link #join()} says no from now on. */
    synchronized boolean retireIfIdle() {
        retired = subscribers.isEmpty() && joining == 0;
        return retired;
    }

    /** Closes the streams whose token was revoked, or no longer sees what it saw, since they opened. */
    void closeRevoked(AccessTokens tokens) {
        for (StreamSubscriber subscriber : subscribers) {
            if (!subscriber.stillAllowed(tokens)) {
                subscribers.remove(subscriber);
                subscriber.closeWith("the token of this stream was revoked, or its departments changed");
            }
        }
    }

    void heartbeat() {
        subscribers.forEach(StreamSubscriber::heartbeat);
    }

    void closeAll(String reason) {
        subscribers.forEach(subscriber -> subscriber.closeWith(reason));
        subscribers.clear();
    }

    /**
     * Answers the question again and sends the answer if it changed. Skipped while the previous evaluation still
     * runs; a moment the data cannot be read (a rebalance) waits for the next one.
     */
    void evaluate() {
        if (!answering.tryLock()) {
            return;
        }
        try {
            String authorization = anyAuthorization();
            if (authorization != null) {
                publish(answers.answer(question.request(), question.asker(), authorization));
            }
        } catch (ApiError e) {
            if (e.status() == 400) {
                // The question can no longer be answered (its answer grew over the row limit): say so and stop,
                // and let a stream that comes later ask it afresh, to be answered 400.
                current = null;
                closeAll(e.getMessage());
            } else {
                LOG.debug("a streamed report question was not answered this time: {}", e.getMessage());
            }
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // A store moving between instances, or Kafka Streams not running (stopping): not a fault of the question.
            LOG.debug("a streamed report question was not answered this time: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("a streamed report question could not be answered; trying again at the next evaluation", e);
        } finally {
            answering.unlock();
        }
    }

    private void publish(byte[] body) {
        StreamedAnswer last = current;
        if (last != null && last.sameAnswer(body)) {
            return;
        }
        StreamedAnswer next = new StreamedAnswer(ids.getAsLong(), body);
        current = next;
        subscribers.forEach(subscriber -> subscriber.offer(next));
    }

    /** The token of one of the open streams, to ask the other instances with; all of them see the same. */
    private String anyAuthorization() {
        for (StreamSubscriber subscriber : subscribers) {
            if (!subscriber.closed()) {
                return subscriber.authorization();
            }
        }
        return null;
    }

    /** A question streamed: the report's parameters as asked, resolved again at each evaluation. */
    record StreamedQuestion(String name, Supplier<ReportParameters.Request> requests, Caller asker) {
        ReportParameters.Request request() {
            return requests.get();
        }
    }
}
