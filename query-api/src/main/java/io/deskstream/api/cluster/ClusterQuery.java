package io.deskstream.api.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deskstream.api.ApiError;
import io.deskstream.api.ApiJson;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers a question about a partitioned store from every instance that holds a part of it: this instance's
 * partitions locally, the others' over their internal routes, added up. The answer is given only when the parts cover
 * every partition exactly once; while a rebalance leaves a partition without an active owner, or moves one between
 * the moment instances are asked, the API answers 503 with {@code Retry-After} instead of a partial answer.
 */
public final class ClusterQuery {

    private final LiveTopology topology;
    private final StorePartitions partitions;
    private final PeerClient peers;
    private final HostInfo self;

    public ClusterQuery(LiveTopology topology, StorePartitions partitions, PeerClient peers, HostInfo self) {
        this.topology = topology;
        this.partitions = partitions;
        this.peers = peers;
        this.self = self;
    }

    public HostInfo self() {
        return self;
    }

    /**
     * @param internalPath the route (with its query) at which other instances answer their local part
     */
    public <V, T> T gather(String store, Partial<V, T> partial, String internalPath, String authorization) {
        return gather(store, partial, peer -> peers.get(peer, internalPath, authorization));
    }

    /** As {@link #gather(String, Partial, String, String)}, the question posted to the others as a JSON body. */
    public <V, T> T gatherPosted(String store, Partial<V, T> partial, String internalPath, byte[] question,
                                 String authorization) {
        return gather(store, partial, peer -> peers.post(peer, internalPath, question, authorization));
    }

    private <V, T> T gather(String store, Partial<V, T> partial, Function<HostInfo, CompletableFuture<JsonNode>> ask) {
        List<CompletableFuture<JsonNode>> remote = new ArrayList<>();
        for (StreamsMetadata instance : topology.streams().streamsMetadataForStore(store)) {
            if (!instance.hostInfo().equals(self)) {
                remote.add(ask.apply(instance.hostInfo()));
            }
        }
        T total = partial.empty();
        List<Integer> covered = new ArrayList<>(addLocal(store, partial, total));
        for (CompletableFuture<JsonNode> part : remote) {
            JsonNode answer = PeerClient.await(part);
            answer.path("partitions").forEach(p -> covered.add(p.asInt()));
            partial.addJson(answer.path("data"), total);
        }
        requireComplete(store, covered);
        return total;
    }

    /** This instance's part, as the internal route answers it: the partitions covered and their added-up data. */
    public <V, T> ObjectNode localPart(String store, Partial<V, T> partial) {
        T part = partial.empty();
        Set<Integer> covered = addLocal(store, partial, part);
        ObjectNode answer = ApiJson.MAPPER.createObjectNode();
        covered.forEach(answer.putArray("partitions")::add);
        answer.set("data", partial.toJson(part));
        return answer;
    }

    private <V, T> Set<Integer> addLocal(String store, Partial<V, T> partial, T into) {
        Set<Integer> local = partitions.local(store);
        for (int partition : local) {
            partial.addStore(topology.partitionStore(store, partition), into);
        }
        return local;
    }

    private void requireComplete(String store, List<Integer> covered) {
        int count = partitions.count(store);
        Set<Integer> distinct = new TreeSet<>(covered);
        boolean exact = covered.size() == count && distinct.size() == count
                && distinct.stream().allMatch(p -> p >= 0 && p < count);
        if (!exact) {
            Set<Integer> missing = new TreeSet<>();
            for (int p = 0; p < count; p++) {
                if (!distinct.contains(p)) {
                    missing.add(p);
                }
            }
            throw ApiError.unavailable("the data is moving between instances (a rebalance): partitions " + missing
                    + " of " + count + " have no active owner right now" + (missing.isEmpty() ? " (some were answered twice)" : "")
                    + "; retry shortly");
        }
    }

}
