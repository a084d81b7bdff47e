package io.deskstream.topology.deadletter;

import java.nio.charset.StandardCharsets;

import io.deskstream.topology.DeadLetterHeaders;
import io.deskstream.topology.ProcessingObserver;
import io.deskstream.topology.StoreNames;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Counts the dead-letter topic by reason, whoever refused the record (ingest, the API or the topology). */
public final class DeadLetterCounter implements Processor<byte[], byte[], Void, Void> {

    private final ProcessingObserver observer;
    private KeyValueStore<String, Long> counts;

    public DeadLetterCounter(ProcessingObserver observer) {
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        counts = context.getStateStore(StoreNames.DEAD_LETTER_COUNTS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Header reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
        String key = reason == null ? "unknown" : new String(reason.value(), StandardCharsets.UTF_8);
        Long count = counts.get(key);
        counts.put(key, count == null ? 1 : count + 1);
        observer.deadLetter(key);
    }
}
