package fr.mutualis.fleet.gateway;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Read access to the gateway registry. */
@Repository
public class GatewayDirectory {

    private static final String COLUMNS = """
            id, commune, status, status_reason, status_changed_at, first_seen_at, last_seen_at, reading_count,
            last_reading_at, software::text AS software, last_health::text AS last_health, last_health_at
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    GatewayDirectory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** All gateways, optionally of one commune, without their health reports. */
    public List<GatewayView> list(String commune) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM gateway WHERE (CAST(:commune AS text) IS NULL OR commune = :commune) ORDER BY commune, id")
                .param("commune", commune)
                .query((rs, row) -> map(rs, false))
                .list();
    }

    public Optional<GatewayView> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM gateway WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> map(rs, true))
                .optional();
    }

    private GatewayView map(ResultSet rs, boolean withHealth) throws SQLException {
        Instant statusChangedAt = instant(rs, "status_changed_at");
        long inStatus = Math.max(0, Duration.between(statusChangedAt, Instant.now()).toSeconds());
        return new GatewayView(rs.getString("id"), rs.getString("commune"), rs.getString("status"),
                rs.getString("status_reason"), statusChangedAt, inStatus, instant(rs, "first_seen_at"),
                instant(rs, "last_seen_at"), rs.getLong("reading_count"), instant(rs, "last_reading_at"),
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
