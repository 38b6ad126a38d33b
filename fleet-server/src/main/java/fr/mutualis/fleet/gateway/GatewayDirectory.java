package fr.mutualis.fleet.gateway;

import fr.mutualis.fleet.security.CommuneScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
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
            last_health_at
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    GatewayDirectory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The gateways in scope, optionally of one commune, without their health reports. */
    public List<GatewayView> list(CommuneScope scope, String commune) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM gateway WHERE (CAST(:commune AS text) IS NULL OR commune = :commune)"
                        + " AND (:all OR commune = ANY(:communes)) ORDER BY commune, id")
                .param("commune", commune).param("all", scope.all()).param("communes", scope.sqlArray())
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
        return new GatewayView(rs.getString("id"), rs.getString("commune"), rs.getString("status"),
                rs.getString("status_reason"), instant(rs, "status_changed_at"), instant(rs, "first_seen_at"),
                instant(rs, "last_seen_at"), rs.getObject("site_id", UUID.class), rs.getString("eui"),
                rs.getString("hardware"), List.of((String[]) rs.getArray("tags").getArray()),
                rs.getLong("reading_count"), instant(rs, "last_reading_at"),
                withHealth ? jsonOrNull(rs.getString("software")) : null,
                withHealth ? jsonOrNull(rs.getString("last_health")) : null, instant(rs, "last_health_at"));
    }

    private tools.jackson.databind.JsonNode jsonOrNull(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
