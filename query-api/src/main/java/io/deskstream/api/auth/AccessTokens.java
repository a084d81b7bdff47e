package io.deskstream.api.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.deskstream.api.ApiError;
import io.deskstream.api.cluster.LiveTopology;
import io.deskstream.api.configuration.VisibleWrites;
import io.deskstream.ingest.ConfigurationWriter;
import io.deskstream.schemas.config.AccessToken;
import io.deskstream.topology.StoreNames;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Who a bearer token is. The admin token is one secret per deployment; agent tokens are issued by the admin, look
 * like {@code dsa_<id>_<secret>}, and are kept on a compacted topic as their id and a digest only, so every instance
 * knows them and nobody can read them back. The id is public: it finds the record, the digest decides.
 */
public final class AccessTokens {

    private static final String AGENT_PREFIX = "dsa_";
    private static final int ID_HEX_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String adminDigest;
    private final LiveTopology topology;
    private final ConfigurationWriter writer;

    /** A token just issued: the only moment its secret is seen. */
    public record Issued(String token, AccessToken record) {
    }

    public AccessTokens(String adminToken, LiveTopology topology, ConfigurationWriter writer) {
        this.adminDigest = TokenDigest.sha256Hex(adminToken);
        this.topology = topology;
        this.writer = writer;
    }

    /** The caller of an {@code Authorization} header; 401 without a valid bearer token. */
    public Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.unauthorized("this route needs Authorization: Bearer <token>");
        }
        String presented = authorization.substring(7).strip();
        if (TokenDigest.matches(presented, adminDigest)) {
            return Caller.ADMIN;
        }
        String id = idOf(presented);
        AccessToken record = id == null ? null : this.<AccessToken>tokens().get(id);
        if (record == null || !TokenDigest.matches(presented, record.getSecretSha256())) {
            throw ApiError.unauthorized("the token is not valid (unknown, revoked or mistyped)");
        }
        return Caller.agent(record.getId(), record.getDepartments());
    }

    public Issued issueAgentToken(List<String> departments) {
        byte[] idBytes = new byte[ID_HEX_LENGTH / 2];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secret);
        String id = HexFormat.of().formatHex(idBytes);
        String token = AGENT_PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        AccessToken record = AccessToken.newBuilder()
                .setId(id)
                .setSecretSha256(TokenDigest.sha256Hex(token))
                .setRole("agent")
                .setDepartments(List.copyOf(departments))
                .setCreatedAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .build();
        writer.put(record);
        VisibleWrites.await(() -> tokens().get(id), record, "token " + id);
        return new Issued(token, record);
    }

    public List<AccessToken> list() {
        List<AccessToken> all = new ArrayList<>();
        try (KeyValueIterator<String, AccessToken> tokens = this.<AccessToken>tokens().all()) {
            tokens.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    public void revoke(String id) {
        if (tokens().get(id) == null) {
            throw ApiError.notFound("no token " + id);
        }
        writer.deleteToken(id);
        VisibleWrites.await(() -> tokens().get(id), null, "the revocation of token " + id);
    }

    private <V> ReadOnlyKeyValueStore<String, V> tokens() {
        return topology.globalStore(StoreNames.ACCESS_TOKENS);
    }

    private static String idOf(String token) {
        if (!token.startsWith(AGENT_PREFIX) || token.length() < AGENT_PREFIX.length() + ID_HEX_LENGTH + 2
                || token.charAt(AGENT_PREFIX.length() + ID_HEX_LENGTH) != '_') {
            return null;
        }
        return token.substring(AGENT_PREFIX.length(), AGENT_PREFIX.length() + ID_HEX_LENGTH);
    }
}
