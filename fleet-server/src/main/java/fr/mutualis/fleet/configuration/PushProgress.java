package fr.mutualis.fleet.configuration;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Where a push stands: of the gateways it changed, how many applied it, failed it, or have not answered yet. */
@Repository
class PushProgress {

    /** A push with its progress, counted over the gateways the caller may see. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(UUID id, String layer, long revision, String actor, Instant createdAt,
                @Schema(description = "Gateways whose desired configuration this push changed.") long gateways,
                @Schema(description = "Of which applied this version (or a later one).") long applied,
                @Schema(description = "Of which refused it or rolled it back.") long failed,
                @Schema(description = "Of which have not answered yet.") long pending,
                @Schema(description = "Of the pending ones, those offline now: they converge when they reconnect.")
                long pendingOffline,
                @Schema(description = "Failed gateways, with their reason (at most 100).") List<Failure> failures) {
    }

    record Failure(String gatewayId, long attemptedVersion, String outcome, String error) {
    }

    /** A push and the commune it belongs to (null for syndicate-wide and tag layers). */
    record Header(UUID id, String kind, String scope, long revision, String commune, String actor, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    PushProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID id, LayerId layer, long revision, String commune, String actor, Instant at) {
        jdbc.sql("""
                INSERT INTO config_push (id, kind, scope, revision, commune, actor, created_at)
                VALUES (:id, :kind, :scope, :revision, :commune, :actor, :at)
                """).param("id", id).param("kind", layer.kind().name()).param("scope", layer.scope())
                .param("revision", revision).param("commune", commune).param("actor", actor)
                .param("at", OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC)).update();
    }

    void addGateway(UUID push, String gatewayId, long version) {
        jdbc.sql("INSERT INTO config_push_gateway (push_id, gateway_id, version) VALUES (:push, :gateway, :version)")
                .param("push", push).param("gateway", gatewayId).param("version", version).update();
    }

    Optional<Header> header(UUID id) {
        return jdbc.sql("SELECT * FROM config_push WHERE id = :id").param("id", id)
                .query((rs, row) -> new Header(id, rs.getString("kind"), rs.getString("scope"), rs.getLong("revision"),
                        rs.getString("commune"), rs.getString("actor"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * The counts and the failure list are read in one snapshot: read apart, a report stored between
     * the two reads made the list disagree with the count (four failed, five listed).
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    View progress(Header header, CommuneScope scope) {
        String visible = "(CAST(:all AS boolean) OR g.commune = ANY(:communes))";
        record Counts(long total, long applied, long failed, long pendingOffline) {
        }
        Counts counts = jdbc.sql("""
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE c.applied_version >= p.version) AS applied,
                       count(*) FILTER (WHERE c.applied_version < p.version AND c.attempted_version >= p.version
                                        AND c.outcome IN ('REFUSED', 'ROLLED_BACK')) AS failed,
                       count(*) FILTER (WHERE coalesce(c.applied_version, 0) < p.version
                                        AND NOT (coalesce(c.attempted_version, 0) >= p.version
                                                 AND c.outcome IN ('REFUSED', 'ROLLED_BACK'))
                                        AND g.status = 'OFFLINE') AS pending_offline
                FROM config_push_gateway p
                JOIN gateway g ON g.id = p.gateway_id
                LEFT JOIN gateway_config c ON c.gateway_id = p.gateway_id
                WHERE p.push_id = :id AND """ + visible)
                .param("id", header.id()).param("all", scope.all()).param("communes", scope.sqlArray())
                .query((rs, row) -> new Counts(rs.getLong("total"), rs.getLong("applied"), rs.getLong("failed"),
                        rs.getLong("pending_offline")))
                .single();
        List<Failure> failures = jdbc.sql("""
                SELECT c.gateway_id, c.attempted_version, c.outcome, c.error
                FROM config_push_gateway p
                JOIN gateway g ON g.id = p.gateway_id
                JOIN gateway_config c ON c.gateway_id = p.gateway_id
                WHERE p.push_id = :id AND c.applied_version < p.version AND c.attempted_version >= p.version
                  AND c.outcome IN ('REFUSED', 'ROLLED_BACK') AND """ + visible + " ORDER BY c.gateway_id LIMIT 100")
                .param("id", header.id()).param("all", scope.all()).param("communes", scope.sqlArray())
                .query((rs, row) -> new Failure(rs.getString("gateway_id"), rs.getLong("attempted_version"),
                        rs.getString("outcome"), rs.getString("error")))
                .list();
        LayerId layer = new LayerId(LayerId.Kind.valueOf(header.kind()), header.scope());
        return new View(header.id(), layer.toString(), header.revision(), header.actor(), header.createdAt(),
                counts.total(), counts.applied(), counts.failed(), counts.total() - counts.applied() - counts.failed(),
                counts.pendingOffline(), failures);
    }
}
