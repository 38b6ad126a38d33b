package fr.mutualis.fleet.downlink;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.DownlinkRequest;
import fr.mutualis.contract.DownlinkResult;
import fr.mutualis.contract.Topics;
import fr.mutualis.contract.Txpk;
import fr.mutualis.fleet.api.InvalidParameterException;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import fr.mutualis.fleet.gateway.GatewayView;
import fr.mutualis.fleet.mqtt.GatewayMessageSubscriber;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues downlinks for gateways and records their outcome. A request is validated, stored, then
 * recorded in the audit log, then published on the gateway's {@code down} channel at QoS 1; the broker holds it for a gateway that
 * is away (its session is persistent). A request the broker did not take stays QUEUED and is
 * published again by {@link #republishQueued()}; the gateway's {@link DownlinkResult} closes it.
 */
@Service
public class DownlinkQueue {

    private static final Logger log = LoggerFactory.getLogger(DownlinkQueue.class);
    /** Beyond this the gateway refuses a downlink as TOO_LATE anyway (its downlinkMaxAgeSeconds default). */
    static final Duration REPUBLISH_WINDOW = Duration.ofMinutes(10);
    /**
     * A request younger than this may still be in its first publication (which waits up to 10 s
     * for the broker): publishing it again would transmit it twice.
     */
    static final Duration FIRST_PUBLICATION = Duration.ofSeconds(15);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ObjectProvider<GatewayMessageSubscriber> mqtt;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DownlinkQueue(JdbcClient jdbc, JsonMapper json, ObjectProvider<GatewayMessageSubscriber> mqtt, AuditLog audit,
                  PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.json = json;
        this.mqtt = mqtt;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = Clock.systemUTC();
    }

    /**
     * Validates and queues a downlink for a gateway the caller may reach (the controller resolved it
     * through the caller's scope), on behalf of {@code actor}; throws {@link InvalidTxpkException}
     * listing every problem. A refused request changes nothing and is not audited.
     */
    public DownlinkView queue(GatewayView gateway, Txpk txpk, Actor actor) {
        String gatewayId = gateway.id();
        if (txpk == null) {
            throw new InvalidTxpkException(List.of("the body must be a txpk object"));
        }
        List<String> problems = txpk.problems();
        if (!problems.isEmpty()) {
            throw new InvalidTxpkException(problems);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        DownlinkRequest request = new DownlinkRequest(DownlinkRequest.VERSION, id.toString(), now, txpk);
        // The downlink and its audit entry commit together; publishing waits for the commit (it
        // can take seconds, and the audit log's lock is held until then).
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO downlink (id, gateway_id, txpk, status, queued_at)
                    VALUES (:id, :gateway, CAST(:txpk AS jsonb), 'QUEUED', :at)
                    """)
                    .param("id", id).param("gateway", gatewayId).param("txpk", json.writeValueAsString(txpk))
                    .param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
            audit.record(actor, "downlink.queue", "gateway", gatewayId, gateway.commune(), null, request);
        });
        publish(request, gateway.commune(), gatewayId);
        return find(gatewayId, id).orElseThrow();
    }

    /** Records the gateway's verdict; a result for an unknown or foreign downlink is ignored and logged. */
    public void onResult(DownlinkResult result) {
        UUID id;
        try {
            id = UUID.fromString(result.id());
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn("Downlink result with a malformed id '{}' from {}", result.id(), result.gatewayId());
            return;
        }
        int updated = jdbc.sql("""
                UPDATE downlink SET status = :status, detail = :detail, result_at = :at,
                       published_at = coalesce(published_at, :at)
                WHERE id = :id AND gateway_id = :gateway
                """)
                .param("status", result.status().name()).param("detail", result.detail())
                .param("at", OffsetDateTime.ofInstant(result.at() != null ? result.at() : clock.instant(), ZoneOffset.UTC))
                .param("id", id).param("gateway", result.gatewayId())
                .update();
        if (updated == 0) {
            log.warn("Downlink result {} from {} matches no downlink of that gateway", id, result.gatewayId());
        }
    }

    public Optional<DownlinkView> find(String gatewayId, UUID id) {
        return jdbc.sql("SELECT * FROM downlink WHERE id = :id AND gateway_id = :gateway")
                .param("id", id).param("gateway", gatewayId)
                .query((rs, row) -> map(rs)).optional();
    }

    /**
     * A gateway's downlinks, newest first (ties broken by id, so that the order is total).
     *
     * @param after only those that come after this downlink in that order (keyset pagination), or
     *              from the newest when null
     * @throws InvalidParameterException if {@code after} names no downlink of this gateway
     */
    public List<DownlinkView> recent(String gatewayId, UUID after, int limit) {
        if (after != null && find(gatewayId, after).isEmpty()) {
            throw new InvalidParameterException("after", after, "names no downlink of gateway '" + gatewayId + "'");
        }
        return jdbc.sql("""
                SELECT * FROM downlink
                WHERE gateway_id = :gateway
                  AND (CAST(:after AS uuid) IS NULL
                       OR (queued_at, id) < (SELECT queued_at, id FROM downlink WHERE id = :after))
                ORDER BY queued_at DESC, id DESC LIMIT :limit
                """)
                .param("gateway", gatewayId).param("after", after).param("limit", limit)
                .query((rs, row) -> map(rs)).list();
    }

    /**
     * Publishes again what the broker did not take (it was down or unreachable), while still fresh;
     * what it did not take in time ends EXPIRED rather than waiting as QUEUED for ever.
     */
    @Scheduled(fixedDelayString = "${mutualis.downlinks.republish-interval:5s}")
    void republishQueued() {
        Instant now = clock.instant();
        int expired = jdbc.sql("""
                UPDATE downlink SET status = 'EXPIRED', result_at = :now, detail = :detail
                WHERE status = 'QUEUED' AND queued_at <= :since
                """)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("detail", "the broker did not take it within " + REPUBLISH_WINDOW.toMinutes()
                        + " min of its queuing; the gateway would have refused it as too old")
                .param("since", OffsetDateTime.ofInstant(now.minus(REPUBLISH_WINDOW), ZoneOffset.UTC))
                .update();
        if (expired > 0) {
            log.warn("{} downlink(s) expired: the broker did not take them within {} min", expired,
                    REPUBLISH_WINDOW.toMinutes());
        }
        List<QueuedDownlink> queued = jdbc.sql("""
                SELECT d.id, d.gateway_id, g.commune, d.txpk::text AS txpk, d.queued_at
                FROM downlink d JOIN gateway g ON g.id = d.gateway_id
                WHERE d.status = 'QUEUED' AND d.queued_at > :since AND d.queued_at < :settled
                ORDER BY d.queued_at LIMIT 500
                """)
                .param("since", OffsetDateTime.ofInstant(now.minus(REPUBLISH_WINDOW), ZoneOffset.UTC))
                .param("settled", OffsetDateTime.ofInstant(now.minus(FIRST_PUBLICATION), ZoneOffset.UTC))
                .query((rs, row) -> new QueuedDownlink(rs.getObject("id", UUID.class), rs.getString("gateway_id"),
                        rs.getString("commune"), json.readValue(rs.getString("txpk"), Txpk.class),
                        rs.getObject("queued_at", OffsetDateTime.class).toInstant()))
                .list();
        for (QueuedDownlink downlink : queued) {
            publish(new DownlinkRequest(DownlinkRequest.VERSION, downlink.id().toString(), downlink.queuedAt(),
                    downlink.txpk()), downlink.commune(), downlink.gatewayId());
        }
    }

    private record QueuedDownlink(UUID id, String gatewayId, String commune, Txpk txpk, Instant queuedAt) {
    }

    private void publish(DownlinkRequest request, String commune, String gatewayId) {
        GatewayMessageSubscriber link = mqtt.getIfAvailable();
        if (link == null) {
            return;
        }
        try {
            link.publish(Topics.topic(commune, gatewayId, Channel.DOWN), json.writeValueAsBytes(request));
        } catch (Exception e) {
            log.warn("Downlink {} for {} stays queued: {}", request.id(), gatewayId, e.getMessage());
            return;
        }
        // Only a QUEUED row moves to PUBLISHED: a fast gateway's result may already be recorded.
        jdbc.sql("UPDATE downlink SET status = 'PUBLISHED', published_at = :at WHERE id = :id AND status = 'QUEUED'")
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("id", UUID.fromString(request.id()))
                .update();
    }

    private DownlinkView map(ResultSet rs) throws SQLException {
        return new DownlinkView(rs.getObject("id", UUID.class), rs.getString("gateway_id"),
                json.readValue(rs.getString("txpk"), Txpk.class), rs.getString("status"), rs.getString("detail"),
                instant(rs, "queued_at"), instant(rs, "published_at"), instant(rs, "result_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
