package fr.mutualis.fleet.gateway;

import fr.mutualis.fleet.security.CommuneScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway registry, read through the caller's {@link CommuneScope}: a gateway of a commune
 * outside the scope is not found, so that its existence does not leak either.
 */
@Repository
public class GatewayDirectory {

    private static final String COLUMNS = """
            id, commune, status, status_reason, status_changed_at, first_seen_at, last_seen_at, site_id, eui, hardware,
            tags, reading_count, last_reading_at, software::text AS software, last_health::text AS last_health,
            last_health_at, release, release_announced_at
            """;

    private static final TypeReference<Map<String, String>> SOFTWARE = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    GatewayDirectory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Gateways in scope, in id order, without their health reports.
     *
     * @param commune only this commune's, or all when null
     * @param status  only those in this state, or all when null
     * @param after   only those whose id sorts after this one (keyset pagination), or from the first when null
     * @param limit   at most this many
     */
    public List<GatewayView> list(CommuneScope scope, String commune, GatewayStatus status, String after, int limit) {
        // COLLATE "C" (byte order) whatever the database's locale, so that the cursor comparison and
        // the ORDER BY agree; ids are lower-case ASCII, so it is also the natural order.
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM gateway
                WHERE (CAST(:commune AS text) IS NULL OR commune = :commune)
                  AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:after AS text) IS NULL OR id COLLATE "C" > :after)
                  AND (:all OR commune = ANY(:communes))
                ORDER BY id COLLATE "C" LIMIT :limit
                """)
                .param("commune", commune).param("status", status == null ? null : status.name())
                .param("after", after).param("limit", limit)
                .param("all", scope.all()).param("communes", scope.sqlArray())
                .query((rs, row) -> map(rs, false))
                .list();
    }

    public Optional<GatewayView> find(CommuneScope scope, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM gateway WHERE id = :id AND (:all OR commune = ANY(:communes))")
                .param("id", id).param("all", scope.all()).param("communes", scope.sqlArray())
                .query((rs, row) -> map(rs, true))
                .optional();
    }

    /** Sets the registry fields a person manages; a null leaves the field as it is. */
    public void updateRegistry(String id, UUID siteId, String eui, String hardware, List<String> tags) {
        jdbc.sql("UPDATE gateway SET site_id = coalesce(:site, site_id), eui = coalesce(:eui, eui),"
                        + " hardware = coalesce(:hardware, hardware), tags = coalesce(:tags, tags) WHERE id = :id")
                .param("site", siteId).param("eui", eui).param("hardware", hardware)
                .param("tags", tags == null ? null : tags.toArray(String[]::new)).param("id", id)
                .update();
    }

    private GatewayView map(ResultSet rs, boolean withHealth) throws SQLException {
        Instant statusChangedAt = instant(rs, "status_changed_at");
        long inStatus = Math.max(0, Duration.between(statusChangedAt, Instant.now()).toSeconds());
        return new GatewayView(rs.getString("id"), rs.getString("commune"), rs.getString("status"),
                rs.getString("status_reason"), statusChangedAt, inStatus, instant(rs, "first_seen_at"),
                instant(rs, "last_seen_at"), rs.getObject("site_id", UUID.class), rs.getString("eui"),
                rs.getString("hardware"), List.of((String[]) rs.getArray("tags").getArray()),
                rs.getLong("reading_count"), instant(rs, "last_reading_at"),
                withHealth ? software(rs.getString("software")) : null,
                withHealth ? jsonOrNull(rs.getString("last_health")) : null, instant(rs, "last_health_at"),
                rs.getString("release"), instant(rs, "release_announced_at"));
    }

    private Map<String, String> software(String text) {
        return text == null ? null : json.readValue(text, SOFTWARE);
    }

    private tools.jackson.databind.JsonNode jsonOrNull(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
