package io.deskstream.api.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import io.deskstream.schemas.json.InvalidInputException;
import io.javalin.http.Context;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One kind of configuration (departments, routing rules) as the API serves it: read from its global store, written
 * to its compacted topic, answered once this instance has read the write back.
 *
 * @param <V> the Avro record of one item
 */
final class ConfigurationItems<V> {

    /** Parses an item's canonical JSON, naming the field at fault. */
    interface Parser<V> {
        V parse(ObjectNode json) throws InvalidInputException;
    }

    private final String noun;
    private final Supplier<ReadOnlyKeyValueStore<String, V>> store;
    private final Parser<V> parser;
    private final Function<V, ObjectNode> json;
    private final Consumer<V> write;
    private final Consumer<String> delete;

    ConfigurationItems(String noun, Supplier<ReadOnlyKeyValueStore<String, V>> store, Parser<V> parser,
                       Function<V, ObjectNode> json, Consumer<V> write, Consumer<String> delete) {
        this.noun = noun;
        this.store = store;
        this.parser = parser;
        this.json = json;
        this.write = write;
        this.delete = delete;
    }

    List<V> all() {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.get().all()) {
            all.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }

    void get(Context ctx) {
        V item = store.get().get(ctx.pathParam("id"));
        if (item == null) {
            throw ApiError.notFound("no " + noun + " " + ctx.pathParam("id"));
        }
        ApiJson.send(ctx, 200, json.apply(item));
    }

    /** Creates (201) or replaces (200) the item the path names. */
    void put(Context ctx) {
        String id = ctx.pathParam("id");
        V item;
        try {
            item = parser.parse(withPathId(ApiJson.object(ctx), id));
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        boolean existed = store.get().get(id) != null;
        write.accept(item);
        VisibleWrites.await(() -> store.get().get(id), item, noun + " " + id);
        ApiJson.send(ctx, existed ? 200 : 201, json.apply(item));
    }

    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        if (store.get().get(id) == null) {
            throw ApiError.notFound("no " + noun + " " + id);
        }
        delete.accept(id);
        VisibleWrites.await(() -> store.get().get(id), null, "the deletion of " + noun + " " + id);
        ctx.status(204);
    }

    /** The path names what is written; a body naming something else is a mistake, not a rename. */
    private static ObjectNode withPathId(ObjectNode body, String id) {
        if (body.has("id") && !body.path("id").asText().equals(id)) {
            throw ApiError.badRequest("id: the body says \"" + body.path("id").asText() + "\" but the path says \"" + id + "\"");
        }
        body.put("id", id);
        return body;
    }
}
