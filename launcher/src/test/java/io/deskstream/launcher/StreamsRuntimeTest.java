package io.deskstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;

class StreamsRuntimeTest {

    @Test
    void whatTheProcessingWritesIsCompressedWithLz4ByDefault() {
        Properties props = new Properties();

        StreamsRuntime.compressOutputs(props);

        assertThat(props).containsEntry("producer.compression.type", "lz4");
    }

    @Test
    void aCompressionTypeOfTheKafkaConfigWins() {
        Properties props = new Properties();
        props.put("compression.type", "zstd");

        StreamsRuntime.compressOutputs(props);

        assertThat(props).doesNotContainKey("producer.compression.type").containsEntry("compression.type", "zstd");
    }
}
