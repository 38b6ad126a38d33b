package fr.mutualis.fleet.configuration;

import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Gateways whose reported configuration is not the desired one: another version, or values that differ. */
@Repository
class ConfigurationDrift {

    /** One drifting gateway. */
    record View(String gatewayId, String commune, String status, long desiredVersion, long appliedVersion,
                long attemptedVersion, String outcome, String error,
                @Schema(description = "Desired properties whose reported value differs.") int differingProperties,
                Instant reportedAt) {
    }

    private final JdbcClient jdbc;

    ConfigurationDrift(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Drifting gateways the scope sees, optionally of one commune, by id after {@code after}. */
    List<View> list(CommuneScope scope, String commune, String after, int limit) {
        return jdbc.sql("""
                SELECT c.*, g.commune, g.status FROM gateway_config c JOIN gateway g ON g.id = c.gateway_id
                WHERE c.desired_version IS NOT NULL
                  AND (c.applied_version <> c.desired_version OR c.value_drift > 0)
                  AND (CAST(:all AS boolean) OR g.commune = ANY(:communes))
                  AND (CAST(:commune AS text) IS NULL OR g.commune = :commune)
                  AND (CAST(:after AS text) IS NULL OR g.id COLLATE "C" > :after)
                ORDER BY g.id COLLATE "C" LIMIT :limit
                """).param("all", scope.all()).param("communes", scope.sqlArray()).param("commune", commune)
                .param("after", after).param("limit", limit)
                .query((rs, row) -> new View(rs.getString("gateway_id"), rs.getString("commune"), rs.getString("status"),
                        rs.getLong("desired_version"), rs.getLong("applied_version"), rs.getLong("attempted_version"),
                        rs.getString("outcome"), rs.getString("error"), rs.getInt("value_drift"),
                        rs.getObject("reported_at", OffsetDateTime.class) == null ? null
                                : rs.getObject("reported_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
