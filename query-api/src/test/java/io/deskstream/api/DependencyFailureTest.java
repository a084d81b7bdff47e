package io.deskstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.deskstream.schemas.wire.SchemaRegistryException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** What a request answers when Kafka or the schema registry fails under it: never 500. */
class DependencyFailureTest {

    private static final String URL = "http://registry.example:8081";

    private static SchemaRegistryException unreachable() {
        return new SchemaRegistryException("schema registry at " + URL + " is unreachable after 2 attempts "
                + "(POST /subjects/deskstream.ticket-events-value/versions): Connection refused", -1, null);
    }

    @Test
    void anUnreachableRegistryIs503NamingTheRegistryWithRetryAfter() {
        ApiError answer = DependencyFailure.of(unreachable());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.dependency()).isEqualTo(Dependency.SCHEMA_REGISTRY);
        assertThat(answer.dependency().id()).isEqualTo("schema-registry");
        assertThat(answer.retryAfter()).isEqualTo(ApiError.DEPENDENCY_RETRY_AFTER);
        assertThat(answer.getMessage()).startsWith("schema registry unavailable: ").contains(URL, "Connection refused");
    }

    @Test
    void aRegistryAnswering5xxIs503() {
        ApiError answer = DependencyFailure.of(new SchemaRegistryException("schema registry at " + URL
                + " is unreachable after 2 attempts (GET /schemas/ids/3): HTTP 500 {}", -1, null));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.dependency()).isEqualTo(Dependency.SCHEMA_REGISTRY);
    }

    @Test
    void aRegistryRefusingTheCredentialsIs502NamingTheRegistry() {
        ApiError answer = DependencyFailure.of(new SchemaRegistryException("schema registry at " + URL
                + ": the registry needs credentials (user info USER:PASSWORD) (POST /subjects/x-value/versions, "
                + "HTTP 401): Unauthorized", 401, 40101, null));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.dependency()).isEqualTo(Dependency.SCHEMA_REGISTRY);
        assertThat(answer.retryAfter()).isNull();
        assertThat(answer.getMessage()).contains("needs credentials");
    }

    @Test
    void theRegistryIsFoundUnderTheKafkaExceptionOfASerializer() {
        ApiError answer = DependencyFailure.of(new IllegalStateException("writing the department failed",
                new SerializationException("cannot serialize", unreachable())));

        assertThat(answer.dependency()).isEqualTo(Dependency.SCHEMA_REGISTRY);
        assertThat(answer.status()).isEqualTo(503);
    }

    @Test
    void aProducerTimeoutIs503NamingKafka() {
        ApiError answer = DependencyFailure.of(new ExecutionException(
                new TimeoutException("Expiring 3 record(s) for deskstream.ticket-events-0: 120000 ms has passed")));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.dependency()).isEqualTo(Dependency.KAFKA);
        assertThat(answer.dependency().id()).isEqualTo("kafka");
        assertThat(answer.retryAfter()).isEqualTo(ApiError.DEPENDENCY_RETRY_AFTER);
        assertThat(answer.getMessage()).startsWith("Kafka unavailable: TimeoutException: Expiring 3 record(s)");
    }

    @Test
    void aWriteThatKafkaDidNotAcknowledgeWrappedByTheWriterIs503NamingKafka() {
        ApiError answer = DependencyFailure.of(new IllegalStateException("Kafka refused the write to "
                + "deskstream.departments", new CompletionException(new NetworkException("disconnected"))));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.dependency()).isEqualTo(Dependency.KAFKA);
    }

    @Test
    void kafkaRefusingAWriteForGoodIs502NamingKafka() {
        ApiError answer = DependencyFailure.of(new ExecutionException(
                new TopicAuthorizationException("Not authorized to access topics: [deskstream.ticket-events]")));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.dependency()).isEqualTo(Dependency.KAFKA);
        assertThat(answer.getMessage()).contains("Not authorized");
    }

    @Test
    void aFaultOfDeskstreamsOwnIsNoDependencysFailure() {
        assertThat(DependencyFailure.of(new IllegalArgumentException("a bug"))).isNull();
        assertThat(DependencyFailure.of(new SerializationException("cannot write the record"))).isNull();
    }

    @Test
    void aCauseThatLoopsBackEndsTheSearch() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(DependencyFailure.of(second)).isNull();
    }
}
